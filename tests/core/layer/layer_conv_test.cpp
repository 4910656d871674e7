// The trained layer's convolution: against PyTorch conv_transpose2d goldens (tests/reference/
// make_layer_goldens.py, checked in), against its literal scatter twin over generated layers, and
// against the single-kernel path for a layer that -k can express.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <mutex>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/edge_mode.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/golden_lines.hpp"
#include "core/image/quantise.hpp"
#include "core/image/sample_range.hpp"
#include "core/kernel/kernel.hpp"
#include "core/layer/conv_layer_check.hpp"
#include "core/layer/layer_conv.hpp"
#include "core/simd_modes.hpp"

namespace {

using namespace tconv;

struct LayerGolden {
    std::string name;
    core::ConvLayer layer;
    core::RealImage input;  ///< interleaved; the golden file lists it as (C, H, W)
    core::Geometry geometry;
    core::Extent2 out{};
    std::vector<double> expected;
    std::vector<int> quantised;
    std::set<std::size_t> near_half;
    int out_channels = 0;
};

std::vector<LayerGolden> read_layer_goldens() {
    std::vector<LayerGolden> cases;
    LayerGolden c;
    test::read_golden_lines("conv_layer.txt", [&](const std::string& key, std::istringstream& line) {
        std::string word;
        if (key == "case") {
            c = LayerGolden{};
            line >> c.name;
        } else if (key == "layer") {
            line >> c.layer.in_channels >> c.layer.out_channels >> c.layer.groups >> c.layer.kernel.h >> c.layer.kernel.w;
            c.geometry.kernel = c.layer.kernel;
        } else if (key == "input") {
            c.input.channels = c.layer.in_channels;
            line >> c.input.size.h >> c.input.size.w;
            c.out_channels = c.layer.out_channels;
        } else if (test::read_geometry_line(key, line, c.geometry)) {
            // stride, dilation, padding or output_padding
        } else if (key == "edge") {
            line >> word;
            c.geometry.edge = core::parse_edge_mode(word).value();
        } else if (key == "layer_file") {
            // the same layer in tests/fixtures/layers: the end-to-end check reads it through --layer
        } else if (key == "output") {
            line >> c.out.h >> c.out.w;
        } else if (key == "x") {
            c.input.values = test::interleaved(test::read_doubles(line), c.input.channels, c.input.size);
        } else if (key == "weight") {
            c.layer.weight = test::read_doubles(line);
        } else if (key == "bias") {
            if (line >> word && word != "-") {
                c.layer.bias.push_back(std::stod(word));
                for (const double b : test::read_doubles(line)) c.layer.bias.push_back(b);
            }
        } else if (key == "expected") {
            c.expected = test::interleaved(test::read_doubles(line), c.out_channels, c.out);
        } else if (key == "quantised") {
            std::vector<double> q;
            for (int n = 0; line >> n;) q.push_back(n);
            for (const double v : test::interleaved(q, c.out_channels, c.out)) c.quantised.push_back(static_cast<int>(v));
        } else if (key == "near_half") {
            // (C, H, W) indices, as interleaved ones.
            const std::size_t plane = static_cast<std::size_t>(c.out.h * c.out.w);
            for (std::size_t n = 0; line >> n;)
                c.near_half.insert(n % plane * static_cast<std::size_t>(c.out_channels) + n / plane);
        } else if (key == "end") {
            cases.push_back(c);
        } else {
            return false;
        }
        return true;
    });
    return cases;
}

/// Requires `got` within `tolerance` of `want` (interleaved) at every sample, naming the first that is not.
void check_samples(const core::RealImage& got, const std::vector<double>& want, double tolerance) {
    REQUIRE(got.values.size() == want.size());
    for (std::int64_t y = 0; y < got.size.h; ++y)
        for (std::int64_t x = 0; x < got.size.w; ++x)
            for (int c = 0; c < got.channels; ++c) {
                const auto i = static_cast<std::size_t>((y * got.size.w + x) * got.channels + c);
                if (std::abs(got.values[i] - want[i]) <= tolerance) continue;
                CAPTURE(y, x, c, got.values[i], want[i]);
                FAIL("sample differs");
            }
}

core::RealImage random_input(test::Rng& rng, int channels, core::Extent2 size) {
    core::RealImage m{size, channels, std::vector<double>(static_cast<std::size_t>(channels * size.h * size.w))};
    for (double& v : m.values) v = static_cast<double>(rng.between(-4000, 4000)) / 16.0;
    return m;
}

core::ConvLayer random_layer(test::Rng& rng, int in_channels, int out_channels, int groups, core::Extent2 kernel, bool bias) {
    core::ConvLayer l{in_channels, out_channels, groups, kernel, {}, {}};
    l.weight.resize(static_cast<std::size_t>(in_channels * (out_channels / groups) * kernel.h * kernel.w));
    for (double& w : l.weight) w = static_cast<double>(rng.between(-600, 1000)) / 997.0;
    for (int c = 0; bias && c < out_channels; ++c) l.bias.push_back(static_cast<double>(rng.between(-300, 300)) / 7.0);
    return l;
}

}  // namespace

TEST_CASE("conv_layer matches PyTorch conv_transpose2d goldens", "[core][golden][layer]") {
    const auto cases = read_layer_goldens();
    REQUIRE(cases.size() >= 25);  // a truncated or unreadable file must not pass as "no cases"
    std::set<int> out_channels, groups_kinds;
    for (const auto& g : cases) {
        CAPTURE(g.name);
        out_channels.insert(g.layer.out_channels);
        groups_kinds.insert(g.layer.groups == 1 ? 0 : g.layer.groups == g.layer.in_channels ? 2 : 1);
        core::validate_conv_layer(g.layer);
        const core::LayerPlan plan = core::plan_layer(g.input.size, g.input.channels, g.layer, g.geometry);
        REQUIRE(plan.shape.out() == g.out);
        double scale = 1.0;
        for (const double v : g.expected) scale = std::max(scale, std::abs(v));
        test::in_each_simd_mode([&] {
            for (const int threads : {1, 3}) {
                CAPTURE(threads);
                const core::RealImage got = core::conv_layer(g.input, g.layer, plan, threads);
                check_samples(got, g.expected, 1e-12 * scale);
                // After clamping and rounding: the pixels an image output gets.
                for (std::size_t i = 0; i < got.values.size(); ++i) {
                    const int have = core::quantise(got.values[i]);
                    if (have == g.quantised[i] || g.near_half.count(i)) continue;
                    CAPTURE(i, have, g.quantised[i]);
                    FAIL("quantised sample differs from PyTorch");
                }
            }
        });
        check_samples(core::conv_layer_scatter(g.input, g.layer, plan), g.expected, 1e-12 * scale);
    }
    CHECK(out_channels == std::set<int>{1, 2, 3, 4, 5, 6, 7, 8});
    CHECK(groups_kinds == std::set<int>{0, 1, 2});  // groups 1, between, C_in
}

TEST_CASE("conv_layer agrees with its scatter twin on generated layers", "[core][layer]") {
    test::Rng rng{std::mt19937_64{20261201}};
    for (int n = 0; n < 150; ++n) {
        const int groups = static_cast<int>(rng.between(1, 3));
        const int in_channels = groups * static_cast<int>(rng.between(1, 3));
        const int out_channels = groups * static_cast<int>(rng.between(1, 3));
        const core::Geometry g = test::random_geometry(rng);
        const core::Extent2 in{rng.between(1, 6), rng.between(1, 6)};
        const core::ConvLayer layer = random_layer(rng, in_channels, out_channels, groups, g.kernel, rng.between(0, 1) == 1);
        const core::RealImage x = random_input(rng, in_channels, in);
        core::LayerPlan plan;
        try {
            plan = core::plan_layer(in, in_channels, layer, g);
        } catch (const core::InvalidParams&) {
            continue;  // an output size below 1: output_shape_test covers the refusals
        }
        CAPTURE(n, in_channels, out_channels, groups, in.h, in.w);
        const core::RealImage want = core::conv_layer_scatter(x, layer, plan);
        double scale = 1.0;
        for (const double v : want.values) scale = std::max(scale, std::abs(v));
        test::in_each_simd_mode([&] { check_samples(core::conv_layer(x, layer, plan, 2), want.values, 1e-12 * scale); });
    }
}

TEST_CASE("conv_layer gives the same bits on any thread count and in either SIMD mode", "[core][layer]") {
    test::Rng rng{std::mt19937_64{7}};
    core::Geometry g;
    g.kernel = {4, 4};
    g.stride = {2, 2};
    g.padding = {core::PaddingMode::Explicit, 1, 1, 1, 1};
    const core::ConvLayer layer = random_layer(rng, 3, 3, 1, g.kernel, true);
    const core::RealImage x = random_input(rng, 3, {23, 37});
    const core::LayerPlan plan = core::plan_layer(x.size, 3, layer, g);
    const core::RealImage one = core::conv_layer(x, layer, plan, 1);
    for (const int threads : {2, 5, 64}) CHECK(core::conv_layer(x, layer, plan, threads).values == one.values);
    core::set_simd_enabled(false);
    const core::RealImage portable = core::conv_layer(x, layer, plan, 1);
    core::set_simd_enabled(true);
    CHECK(portable.values == one.values);
}

TEST_CASE("a layer that -k can express gives the single-kernel path's pixels", "[core][layer]") {
    // groups = C, the same kernel for every channel, no bias: the single-kernel convolution exactly.
    // Dyadic weights, so both paths' sums are exact and no pixel may differ at all.
    const core::Image image =
        test::make_image(3, 4, 3, {255, 0,  0,   0, 255, 0, 0,  0,   255, 128, 64, 32,  9,  19, 29, 200, 0,   100,
                                   7,   77, 177, 1, 2,   3, 90, 180, 45,  255, 0,  255, 33, 66, 99, 12,  240, 5});
    core::Geometry g;
    g.kernel = {4, 3};
    g.stride = {2, 3};
    g.padding = {core::PaddingMode::Explicit, 1, 0, 2, 1};
    g.output_padding = core::Extent2{1, 2};
    const core::Kernel kernel = core::make_kernel(
        core::parse_kernel_spec("0.25,0.5,0.125;0.75,1,-0.25;0.5,0.375,0.0625;0.125,0.25,1.5"), std::nullopt, g.stride);
    core::ConvLayer layer{3, 3, 3, kernel.size, {}, {}};
    for (int c = 0; c < 3; ++c)
        for (const double w : kernel.weights) layer.weight.push_back(w);
    const core::RealImage x = core::real_image(image);
    const core::OutputShape shape = core::plan_output_shape(image.size(), g);
    const core::Image want = core::transposed_conv(image, kernel, shape, 1);
    const core::RealImage got = core::conv_layer(x, layer, core::plan_layer(image.size(), 3, layer, g), 1);
    REQUIRE(got.size == want.size());
    for (int c = 0; c < 3; ++c)
        for (std::int64_t y = 0; y < want.height; ++y)
            for (std::int64_t col = 0; col < want.width; ++col) {
                CAPTURE(y, col, c);
                REQUIRE(core::quantise(got.at(y, col, c)) == want.at(y, col, c));
            }
}

TEST_CASE("conv_layer_rows gives conv_layer's rows, unmapped by --range, each once", "[core][layer]") {
    test::Rng rng{std::mt19937_64{11}};
    core::Geometry g;
    g.kernel = {3, 3};
    g.stride = {2, 2};
    const core::ConvLayer layer = random_layer(rng, 2, 5, 1, g.kernel, true);
    const core::RealImage x = random_input(rng, 2, {9, 7});
    const core::LayerPlan plan = core::plan_layer(x.size, 2, layer, g);
    const core::RealImage whole = core::conv_layer(x, layer, plan, 1);
    const std::size_t row_values = static_cast<std::size_t>(whole.size.w * whole.channels);
    std::vector<double> rows(whole.values.size(), std::nan(""));
    std::mutex mutex;
    core::conv_layer_rows(x, layer, plan, core::SampleRange::Signed, 255.0, 3, [&](std::int64_t y, std::span<const double> row) {
        const std::lock_guard lock(mutex);
        REQUIRE(row.size() == row_values);
        std::copy(row.begin(), row.end(), rows.begin() + static_cast<std::ptrdiff_t>(y) * row.size());
    });
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i] == core::unmap_sample(whole.values[i], core::SampleRange::Signed, 255.0));
    }
}
