// The article's arithmetic as tests: its 4x4 colour image (samples/README.md) upsampled with the
// all-ones "transparent" filter gives stripes, touching blocks, and overlaps that add and saturate.
#include <array>
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;
using Rgb = std::array<int, 3>;

constexpr Rgb red{255, 0, 0}, green{0, 255, 0}, blue{0, 0, 255}, white{255, 255, 255}, black{0, 0, 0}, yellow{255, 255, 0},
    cyan{0, 255, 255}, magenta{255, 0, 255}, orange{255, 128, 0}, gray{128, 128, 128}, purple{128, 0, 128};

/// samples/README.md: rows red green blue white / black yellow cyan magenta /
/// orange gray purple white / blue black red green.
constexpr std::array<std::array<Rgb, 4>, 4> article_colours{
    {{red, green, blue, white}, {black, yellow, cyan, magenta}, {orange, gray, purple, white}, {blue, black, red, green}}};

core::Image article_image() {
    std::vector<int> v;
    for (const auto& row : article_colours)
        for (const Rgb& p : row) v.insert(v.end(), p.begin(), p.end());
    return test::make_image(4, 4, 3, v);
}

Rgb pixel(const core::Image& img, std::int64_t y, std::int64_t x) { return {img.at(y, x, 0), img.at(y, x, 1), img.at(y, x, 2)}; }

/// Runs the fast path (1 and 4 threads) and the scatter twin; requires all three to agree.
core::Image upsample(const core::Geometry& g) {
    const core::Image in = article_image();
    const core::Kernel k = core::ones_kernel(g.kernel);
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    core::Image fast = core::transposed_conv(in, k, shape, 1);
    test::check_pixels(core::transposed_conv(in, k, shape, 4), fast, "4 threads vs 1");
    test::check_pixels(core::transposed_conv_scatter(in, k, shape), fast, "scatter vs fast");
    return fast;
}

core::Geometry ones_geometry(std::int64_t k, std::int64_t s, std::int64_t op) {
    core::Geometry g;
    g.kernel = {k, k};
    g.stride = {s, s};
    g.output_padding = core::Extent2{op, op};
    return g;
}

}  // namespace

TEST_CASE("article: k3 s4 p0 op1 gives 3x3 colour blocks with zero stripes at 3, 7, 11, 15", "[core][article]") {
    const core::Image out = upsample(ones_geometry(3, 4, 1));
    REQUIRE(out.size() == core::Extent2{16, 16});
    for (std::int64_t y = 0; y < 16; ++y)
        for (std::int64_t x = 0; x < 16; ++x) {
            CAPTURE(y, x);
            const bool stripe = y % 4 == 3 || x % 4 == 3;
            REQUIRE(pixel(out, y, x) == (stripe ? black : article_colours[y / 4][x / 4]));
        }
    // A few pixels spelled out, so the rule above cannot hide a shared mistake.
    CHECK(pixel(out, 0, 0) == red);
    CHECK(pixel(out, 2, 6) == green);
    CHECK(pixel(out, 9, 5) == gray);
    CHECK(pixel(out, 10, 10) == purple);
    CHECK(pixel(out, 14, 2) == blue);
    CHECK(pixel(out, 12, 14) == green);
    CHECK(pixel(out, 3, 0) == black);
    CHECK(pixel(out, 0, 15) == black);
    CHECK(pixel(out, 15, 15) == black);
}

TEST_CASE("article: k4 s4 gives touching 4x4 blocks (nearest neighbour x4)", "[core][article]") {
    const core::Image out = upsample(ones_geometry(4, 4, 0));
    REQUIRE(out.size() == core::Extent2{16, 16});
    for (std::int64_t y = 0; y < 16; ++y)
        for (std::int64_t x = 0; x < 16; ++x) {
            CAPTURE(y, x);
            REQUIRE(pixel(out, y, x) == article_colours[y / 4][x / 4]);
        }
    CHECK(pixel(out, 3, 3) == red);
    CHECK(pixel(out, 3, 4) == green);
    CHECK(pixel(out, 15, 15) == green);
    CHECK(pixel(out, 8, 0) == orange);
}

TEST_CASE("article: k5 s4 overlaps add (red + green = yellow) and saturate at 255", "[core][article]") {
    const core::Image out = upsample(ones_geometry(5, 4, 0));
    // (4-1)*4 - 0 + 1*(5-1) + 0 + 1 = 17: every 5th row/column is where two footprints meet.
    REQUIRE(out.size() == core::Extent2{17, 17});
    CHECK(pixel(out, 0, 3) == red);                 // red alone
    CHECK(pixel(out, 0, 4) == yellow);              // red + green
    CHECK(pixel(out, 0, 8) == cyan);                // green + blue
    CHECK(pixel(out, 0, 12) == white);              // blue + white: 255 + 255 saturates, white stays white
    CHECK(pixel(out, 0, 16) == white);              // white alone (last column)
    CHECK(pixel(out, 4, 0) == red);                 // red + black
    CHECK(pixel(out, 4, 4) == yellow);              // red + green + black + yellow = (510, 510, 0)
    CHECK(pixel(out, 8, 4) == Rgb{255, 255, 128});  // black + yellow + orange + gray = (638, 511, 128)
    CHECK(pixel(out, 12, 16) == white);             // white + green = (255, 510, 255)
    CHECK(pixel(out, 16, 16) == green);
}

TEST_CASE("article: k3 s2 overlaps on every other row and column", "[core][article]") {
    const core::Image out = upsample(ones_geometry(3, 2, 0));
    REQUIRE(out.size() == core::Extent2{9, 9});
    // Odd indices see one source pixel per axis, even indices (2, 4, 6) see two.
    CHECK(pixel(out, 0, 0) == red);
    CHECK(pixel(out, 0, 1) == red);
    CHECK(pixel(out, 0, 2) == yellow);  // red + green
    CHECK(pixel(out, 0, 3) == green);
    CHECK(pixel(out, 0, 4) == cyan);                // green + blue
    CHECK(pixel(out, 0, 6) == white);               // blue + white
    CHECK(pixel(out, 1, 2) == yellow);              // red + green
    CHECK(pixel(out, 2, 2) == yellow);              // red + green + black + yellow, saturated
    CHECK(pixel(out, 3, 3) == yellow);              // yellow alone
    CHECK(pixel(out, 4, 4) == white);               // yellow + cyan + gray + purple = (511, 638, 511)
    CHECK(pixel(out, 5, 3) == gray);                // gray alone
    CHECK(pixel(out, 5, 0) == orange);              // orange alone
    CHECK(pixel(out, 6, 0) == Rgb{255, 128, 255});  // orange + blue
    CHECK(pixel(out, 8, 8) == green);
    CHECK(pixel(out, 8, 6) == yellow);  // red + green
}
