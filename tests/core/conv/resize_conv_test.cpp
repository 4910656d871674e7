// Resize-convolution: the padding rule worked by hand, and the sums and pixels against PyTorch's
// F.interpolate(mode='nearest') + F.conv2d (tests/reference/make_compare_goldens.py, checked in as
// tests/reference/goldens/resize_conv.txt).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/conv/resize_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;

core::OutputShape plan(core::Extent2 in, core::Extent2 k, core::Extent2 s, std::int64_t p = 0) {
    core::Geometry g;
    g.kernel = k;
    g.stride = s;
    g.padding = core::Padding{core::PaddingMode::Explicit, p, p, p, p};
    return core::plan_output_shape(in, g);
}

struct GoldenCase {
    std::string name, stride, dilation, padding, output_padding, kernel;
    core::Image input;
    core::Extent2 out{};
    std::vector<std::int64_t> pad;
    std::vector<double> sums;
    std::vector<int> expected;
    std::set<std::size_t> near_half;
};

template <class T>
std::vector<T> read_numbers(std::istringstream& line) {
    std::vector<T> v;
    for (T n; line >> n;) v.push_back(n);
    return v;
}

std::vector<GoldenCase> read_goldens() {
    const std::string path = std::string(TCONV_TEST_DATA) + "/reference/goldens/resize_conv.txt";
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
        } else if (key == "kernel") {
            line >> c.kernel;
        } else if (key == "output") {
            line >> c.out.h >> c.out.w;
        } else if (key == "pad") {
            c.pad = read_numbers<std::int64_t>(line);
        } else if (key == "pixels") {
            c.input = test::make_image(h, w, ch, read_numbers<int>(line));
        } else if (key == "sums") {
            c.sums = read_numbers<double>(line);
        } else if (key == "expected") {
            c.expected = read_numbers<int>(line);
        } else if (key == "near_half") {
            for (int i : read_numbers<int>(line)) c.near_half.insert(static_cast<std::size_t>(i));
        } else if (key == "transposed" || key == "transposed_near_half") {
            // the compare sheet's other panel: tests/e2e/compare.sh reads it
        } else if (key == "end") {
            cases.push_back(c);
        } else {
            FAIL("unknown key '" << key << "' in " << path);
        }
    }
    return cases;
}

}  // namespace

TEST_CASE("resize conv: k3 s4 op1 on 4 pads the 16 upsampled rows by 1 and 1", "[core][resize]") {
    core::Geometry g;
    g.kernel = {3, 3};
    g.stride = {4, 4};
    g.output_padding = core::Extent2{1, 1};
    const core::ResizeConvShape r = core::plan_resize_conv(core::plan_output_shape({4, 4}, g));
    // out 16 = 16 + P - 2, so P = 2: one zero row before, one after.
    CHECK(r.rows == core::ResizeConvAxis{4, 4, 3, 1, 16, 1, 1, 16});
    CHECK(r.out() == core::Extent2{16, 16});
}

TEST_CASE("resize conv: P = out - in*stride + dilation*(k-1) split floor(P/2) first, negative crops", "[core][resize]") {
    // 5x3, k 2x3, s 2x3: rows out 10, P = 10 - 10 + 1 = 1 -> (0, 1); cols out 9, P = 9 - 9 + 2 = 2 -> (1, 1).
    const core::ResizeConvShape a = core::plan_resize_conv(plan({5, 3}, {2, 3}, {2, 3}));
    CHECK((a.rows.pad_begin == 0 && a.rows.pad_end == 1 && a.rows.out == 10));
    CHECK((a.cols.pad_begin == 1 && a.cols.pad_end == 1 && a.cols.out == 9));
    // k1 s2 on 4: out 7 from 8 upsampled, P = -1 -> floor(-1/2) = -1 first, 0 last: the first row dropped.
    const core::ResizeConvShape b = core::plan_resize_conv(plan({4, 4}, {1, 1}, {2, 2}));
    CHECK((b.rows.pad_begin == -1 && b.rows.pad_end == 0 && b.rows.out == 7));
    // k4 s2 p1 on 3: out 6 from 6, P = 3 -> (1, 2).
    const core::ResizeConvShape c = core::plan_resize_conv(plan({3, 3}, {4, 4}, {2, 2}, 1));
    CHECK((c.rows.pad_begin == 1 && c.rows.pad_end == 2 && c.rows.out == 6));
}

TEST_CASE("resize conv: a 1x2 grey image, k2 s2, by hand", "[core][resize]") {
    // Upsampled row: 10 10 30 30; P = 4 - 4 + 1 = 1 -> (0, 1): 10 10 30 30 0. Kernel 1,3 / 4 per row,
    // rows alike (the image is one row, upsampled to two, padded by one zero row at the bottom).
    const core::Image in = test::make_image(1, 2, 1, {10, 30});
    const core::Kernel k = core::make_kernel(core::parse_kernel_spec("1,3;1,3"), std::nullopt, {2, 2});
    const core::ResizeConvShape shape = core::plan_resize_conv(plan({1, 2}, {2, 2}, {2, 2}));
    const std::vector<double> sums = core::resize_conv_sums(in, k, shape);
    // Row 0: rows 0 and 1 of the upsampled image, weights (1+1)/8 and (3+3)/8 per column pair.
    // x=0: (10*1 + 10*3)*2/8 = 10; x=1: (10 + 90)*2/8 = 25; x=2: (30 + 90)*2/8 = 30; x=3: (30 + 0)*2/8 = 7.5.
    // Row 1: the zero row below takes the bottom taps, so half as much: 5, 12.5, 15, 3.75.
    CHECK(sums == std::vector<double>{10, 25, 30, 7.5, 5, 12.5, 15, 3.75});
    const core::Image img = core::resize_conv(in, k, shape);
    CHECK(std::vector<int>(img.pixels.begin(), img.pixels.end()) == std::vector<int>{10, 25, 30, 8, 5, 13, 15, 4});
}

TEST_CASE("resize conv: a kernel summing to 0 has no brightness-keeping scale", "[core][resize]") {
    const core::Image in = test::make_image(1, 1, 1, {10});
    const core::Kernel k = core::make_kernel(core::parse_kernel_spec("1,-1"), std::nullopt, {1, 1});
    CHECK_THROWS_AS(core::resize_conv_sums(in, k, core::plan_resize_conv(plan({1, 1}, {1, 2}, {1, 1}))), core::InvalidParams);
}

TEST_CASE("resize conv: every phase gain is 1", "[core][resize]") {
    const core::PhaseGainTable t = core::resize_conv_gain_table({2, 3});
    CHECK(t.gains == std::vector<double>(6, 1.0));
    CHECK(core::resize_conv_gain_summary({2, 3}).score() == 1.0);
}

TEST_CASE("resize conv matches PyTorch interpolate nearest + conv2d goldens", "[core][resize][golden]") {
    const auto cases = read_goldens();
    REQUIRE(cases.size() >= 12);  // a truncated or unreadable file must not pass as "no cases"
    for (const GoldenCase& g : cases) {
        CAPTURE(g.name, g.stride, g.dilation, g.padding, g.output_padding, g.kernel);
        core::Geometry geometry;
        geometry.stride = core::parse_extent(g.stride, 1);
        geometry.dilation = core::parse_extent(g.dilation, 1);
        geometry.padding = core::parse_padding(g.padding);
        if (g.output_padding != "-") geometry.output_padding = core::parse_extent(g.output_padding, 0);
        const core::Kernel kernel = core::make_kernel(core::parse_kernel_spec(g.kernel), std::nullopt, geometry.stride);
        geometry.kernel = kernel.size;
        core::validate_geometry(geometry);
        const core::ResizeConvShape shape = core::plan_resize_conv(core::plan_output_shape(g.input.size(), geometry));
        REQUIRE(shape.out() == g.out);
        CHECK(std::vector<std::int64_t>{shape.rows.pad_begin, shape.rows.pad_end, shape.cols.pad_begin, shape.cols.pad_end} ==
              g.pad);
        const std::vector<double> sums = core::resize_conv_sums(g.input, kernel, shape);
        REQUIRE(sums.size() == g.sums.size());
        for (std::size_t i = 0; i < sums.size(); ++i) {
            if (std::abs(sums[i] - g.sums[i]) <= 1e-9 * std::max(1.0, std::abs(g.sums[i]))) continue;
            CAPTURE(i, sums[i], g.sums[i]);
            FAIL("sum differs from PyTorch");
        }
        const core::Image img = core::resize_conv(g.input, kernel, shape);
        REQUIRE(img.pixels.size() == g.expected.size());
        for (std::size_t i = 0; i < g.expected.size(); ++i) {
            const int have = img.pixels[i], want = g.expected[i];
            const int allowed = g.near_half.count(i) ? 1 : 0;
            if (std::abs(have - want) <= allowed) continue;
            CAPTURE(i, have, want, allowed);
            FAIL("pixel differs from PyTorch");
        }
    }
}
