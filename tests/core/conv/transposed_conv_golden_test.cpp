// Golden tests: tconv's transposed convolution against PyTorch's conv_transpose2d outputs, made by
// tests/reference/make_goldens.py (8-bit) and make_goldens_16bit.py (16-bit), checked in under
// tests/reference/goldens/.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/premultiplied_alpha.hpp"
#include "core/conv/real_conv.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;

/// One case of the golden file, its options as the command line would spell them.
struct GoldenCase {
    std::string name;
    core::Image input;
    int depth = 8;
    std::string stride, dilation, padding, output_padding, kernel, edge = "zero", alpha = "straight";
    core::Extent2 out{};
    std::vector<int> expected;
    std::vector<double> sums;         ///< PyTorch's float64 output before clamping and rounding
    std::set<std::size_t> near_half;  ///< indices into expected whose exact sum is within 1e-3 of .5
};

std::vector<int> read_ints(std::istringstream& line) {
    std::vector<int> v;
    for (int n = 0; line >> n;) v.push_back(n);
    return v;
}

/// The cases of goldens/`name` (transposed_conv.txt, transposed_conv_16bit.txt, premultiplied_alpha.txt).
std::vector<GoldenCase> read_goldens(const std::string& name = "transposed_conv.txt") {
    const std::string path = std::string(TCONV_TEST_DATA) + "/reference/goldens/" + name;
    std::ifstream file(path);
    INFO(path);
    REQUIRE(file.good());
    std::vector<GoldenCase> cases;
    GoldenCase c;
    std::int64_t h = 0, w = 0;
    int ch = 0;
    for (std::string text; std::getline(file, text);) {
        if (text.empty() || text[0] == '#') continue;
        std::istringstream line(text);
        std::string key;
        line >> key;
        if (key == "case") {
            c = GoldenCase{};
            line >> c.name;
        } else if (key == "depth") {
            line >> c.depth;
        } else if (key == "input") {
            line >> h >> w >> ch;
        } else if (key == "stride") {
            line >> c.stride;
        } else if (key == "dilation") {
            line >> c.dilation;
        } else if (key == "padding") {
            line >> c.padding;
        } else if (key == "output_padding") {
            line >> c.output_padding;
        } else if (key == "edge") {
            line >> c.edge;
        } else if (key == "alpha") {
            line >> c.alpha;
        } else if (key == "kernel") {
            line >> c.kernel;
        } else if (key == "output") {
            line >> c.out.h >> c.out.w;
        } else if (key == "pixels") {
            c.input = test::make_image(h, w, ch, read_ints(line), c.depth);
        } else if (key == "expected") {
            c.expected = read_ints(line);
        } else if (key == "sums") {
            for (double v; line >> v;) c.sums.push_back(v);
        } else if (key == "near_half") {
            for (int i : read_ints(line)) c.near_half.insert(static_cast<std::size_t>(i));
        } else if (key == "end") {
            cases.push_back(c);
        } else {
            FAIL("unknown key '" << key << "' in " << path);
        }
    }
    return cases;
}

/// Fails unless `sums` are PyTorch's float64 sums (to 1e-9 relative) and their quantised pixels its
/// pixels: summed in double in another order than torch, a sum within 1e-3 of .5 may round either way.
void check_real_result(const GoldenCase& g, const core::RealImage& sums) {
    REQUIRE(sums.size == g.out);
    REQUIRE(sums.channels == g.input.channels);
    REQUIRE(sums.values.size() == g.sums.size());
    for (std::size_t i = 0; i < g.sums.size(); ++i) {
        if (std::abs(sums.values[i] - g.sums[i]) <= 1e-9 * std::max(1.0, std::abs(g.sums[i]))) continue;
        CAPTURE(i, sums.values[i], g.sums[i]);
        FAIL("sum differs from PyTorch's float64");
    }
    if (g.depth != 8) return;  // quantised_image makes 8-bit pixels
    const core::Image pixels = core::quantised_image(sums);
    for (std::size_t i = 0; i < g.expected.size(); ++i) {
        const int allowed = g.near_half.count(i) ? 1 : 0;
        if (std::abs(int{pixels.pixels[i]} - g.expected[i]) <= allowed) continue;
        CAPTURE(i, int{pixels.pixels[i]}, g.expected[i]);
        FAIL("pixel differs from PyTorch");
    }
}

/// The case's kernel and output shape, as the command line would plan them.
std::pair<core::Kernel, core::OutputShape> planned(const GoldenCase& g) {
    core::Geometry geometry;
    geometry.stride = core::parse_extent(g.stride, 1);
    geometry.dilation = core::parse_extent(g.dilation, 1);
    geometry.padding = core::parse_padding(g.padding);
    geometry.edge = core::parse_edge_mode(g.edge).value();
    if (g.output_padding != "-") geometry.output_padding = core::parse_extent(g.output_padding, 0);
    core::Kernel kernel = core::make_kernel(core::parse_kernel_spec(g.kernel), std::nullopt, geometry.stride);
    geometry.kernel = kernel.size;
    core::validate_geometry(geometry);
    const core::OutputShape shape = core::plan_output_shape(g.input.size(), geometry);
    REQUIRE(shape.out() == g.out);
    REQUIRE(g.expected.size() == static_cast<std::size_t>(g.out.h * g.out.w * g.input.channels));
    REQUIRE(g.sums.size() == g.expected.size());
    return {std::move(kernel), shape};
}

}  // namespace

namespace {

/// Runs every case through the planner's choice (1 and 3 threads), the scatter twin and every forced
/// strategy that applies; each result must be PyTorch's, at the case's depth. Returns how many results
/// were compared.
int check_goldens(const std::vector<GoldenCase>& cases) {
    int compared = 0;
    for (const auto& g : cases) {
        CAPTURE(g.name, g.stride, g.dilation, g.padding, g.output_padding, g.kernel, g.edge);
        const auto [kernel, shape] = planned(g);

        std::vector<std::pair<std::string, core::Image>> results = {
            {"transposed_conv threads=1", core::transposed_conv(g.input, kernel, shape, 1)},
            {"transposed_conv threads=3", core::transposed_conv(g.input, kernel, shape, 3)},
            {"transposed_conv_scatter", core::transposed_conv_scatter(g.input, kernel, shape)},
        };
        for (const core::ConvStrategy strategy : core::all_conv_strategies) {
            try {
                results.emplace_back("forced " + std::string(core::strategy_name(strategy)),
                                     core::transposed_conv(g.input, kernel, shape, 2, {strategy}));
            } catch (const core::InvalidParams&) {
                // does not apply to this kernel: conv_plan_test covers the refusals
            }
        }
        for (const auto& [path, got] : results) {
            CAPTURE(path);
            ++compared;
            REQUIRE(got.size() == g.out);
            REQUIRE(got.channels == g.input.channels);
            REQUIRE(got.depth == g.depth);
            for (std::int64_t y = 0; y < g.out.h; ++y)
                for (std::int64_t x = 0; x < g.out.w; ++x)
                    for (int c = 0; c < got.channels; ++c) {
                        const auto i = static_cast<std::size_t>((y * g.out.w + x) * got.channels + c);
                        const int want = g.expected[i];
                        const int have = got.sample(y, x, c);
                        const int allowed = g.near_half.count(i) ? 1 : 0;
                        if (std::abs(have - want) <= allowed) continue;
                        CAPTURE(g.name, y, x, c, have, want, allowed);
                        FAIL("pixel differs from PyTorch");
                    }
        }
    }
    return compared;
}

}  // namespace

TEST_CASE("transposed_conv matches PyTorch conv_transpose2d goldens", "[core][golden]") {
    const auto cases = read_goldens();
    REQUIRE(cases.size() >= 30);  // a truncated or unreadable file must not pass as "no cases"
    CHECK(std::count_if(cases.begin(), cases.end(), [](const GoldenCase& c) { return c.edge != "zero"; }) >= 10);
    check_goldens(cases);
}

TEST_CASE("16-bit images match PyTorch float64 conv_transpose2d at 16 bits", "[core][golden]") {
    const auto cases = read_goldens("transposed_conv_16bit.txt");
    REQUIRE(cases.size() >= 15);
    for (const auto& g : cases) REQUIRE(g.depth == 16);
    CHECK(std::count_if(cases.begin(), cases.end(), [](const GoldenCase& c) { return c.edge != "zero"; }) >= 5);
    // Auto (two thread counts), scatter, and at least replicate, double-separable and double-dense forced.
    CHECK(check_goldens(cases) >= static_cast<int>(cases.size()) * 5);
    // The unrounded sums of the 16-bit samples, as the .npy output writes them.
    for (const auto& g : cases) {
        CAPTURE(g.name);
        const auto [kernel, shape] = planned(g);
        check_real_result(g, core::transposed_conv_real(g.input, kernel, shape, 2));
    }
}

TEST_CASE("transposed_conv_real gives PyTorch's unrounded sums and through quantise its pixels", "[core][golden]") {
    const auto cases = read_goldens();
    REQUIRE(cases.size() >= 30);
    for (const auto& g : cases) {
        CAPTURE(g.name, g.stride, g.dilation, g.padding, g.output_padding, g.kernel, g.edge);
        const auto [kernel, shape] = planned(g);
        for (const int threads : {1, 3}) {
            CAPTURE(threads);
            check_real_result(g, core::transposed_conv_real(g.input, kernel, shape, threads));
        }
    }
}

TEST_CASE("premultiplied alpha matches the rule computed over PyTorch's conv_transpose2d", "[core][golden]") {
    const auto cases = read_goldens("premultiplied_alpha.txt");
    REQUIRE(cases.size() >= 4);
    for (const auto& g : cases) {
        CAPTURE(g.name, g.stride, g.dilation, g.padding, g.output_padding, g.kernel, g.edge);
        REQUIRE(g.alpha == "premultiplied");
        const auto [kernel, shape] = planned(g);
        check_real_result(g, core::transposed_conv_premultiplied(g.input, kernel, shape, 2));
    }
}
