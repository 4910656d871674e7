// The layer fit: Adam over weight and bias against PyTorch's loop (tests/reference/
// make_layer_fit_goldens.py, checked in), its gradient against finite differences, the same bits for
// any thread count, and a random layer recovered from its own output.
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/fit/layer_fit.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/golden_lines.hpp"
#include "core/layer/layer_conv.hpp"

namespace {

using namespace tconv;

/// (C, H, W) values as an image of `channels` channels.
core::RealImage planar_image(const std::vector<double>& planes, int channels, core::Extent2 size) {
    return {size, channels, test::interleaved(planes, channels, size)};
}

struct LayerFitGolden {
    std::string name;
    core::ConvLayer initial;
    core::Geometry geometry;
    core::FitSettings settings;
    std::vector<core::LayerFitExample> examples;
    std::vector<double> loss;
    std::int64_t best_step = 0;  ///< the first step of the lowest loss, whose weight and bias follow
    std::vector<double> weight;
    std::vector<double> bias;
};

std::vector<LayerFitGolden> read_layer_fit_goldens() {
    std::vector<LayerFitGolden> cases;
    LayerFitGolden c;
    core::Extent2 in{}, out{};
    test::read_golden_lines("layer_fit.txt", [&](const std::string& key, std::istringstream& line) {
        std::string word;
        if (key == "case") {
            c = LayerFitGolden{};
            line >> c.name;
        } else if (key == "layer") {
            core::ConvLayer& l = c.initial;
            line >> l.in_channels >> l.out_channels >> l.groups >> l.kernel.h >> l.kernel.w >> word;
            c.geometry.kernel = l.kernel;
            if (word == "bias") l.bias.assign(static_cast<std::size_t>(l.out_channels), 0.0);
        } else if (test::read_geometry_line(key, line, c.geometry)) {
            // stride, dilation, padding or output_padding
        } else if (key == "lr") {
            line >> c.settings.adam.learning_rate;
        } else if (key == "steps") {
            line >> c.settings.steps;
        } else if (key == "init_weight") {
            c.initial.weight = test::read_doubles(line);
        } else if (key == "example") {
            line >> in.h >> in.w >> out.h >> out.w;
        } else if (key == "x") {
            core::LayerFitExample e;
            e.input = planar_image(test::read_doubles(line), c.initial.in_channels, in);
            e.plan = core::plan_layer(in, c.initial.in_channels, c.initial, c.geometry);
            REQUIRE(e.plan.shape.out() == out);
            c.examples.push_back(e);
        } else if (key == "target") {
            c.examples.back().target = planar_image(test::read_doubles(line), c.initial.out_channels, out);
        } else if (key == "loss") {
            c.loss = test::read_doubles(line);
        } else if (key == "best_step") {
            line >> c.best_step;
        } else if (key == "weight") {
            c.weight = test::read_doubles(line);
        } else if (key == "bias") {
            if (line >> word && word != "-") {
                c.bias.push_back(std::stod(word));
                for (const double b : test::read_doubles(line)) c.bias.push_back(b);
            }
        } else if (key == "end") {
            cases.push_back(c);
        } else {
            return false;
        }
        return true;
    });
    return cases;
}

core::RealImage random_real_image(test::Rng& rng, int channels, core::Extent2 size, std::int64_t lo, std::int64_t hi) {
    core::RealImage m{size, channels, std::vector<double>(static_cast<std::size_t>(channels * size.h * size.w))};
    for (double& v : m.values) v = static_cast<double>(rng.between(lo, hi));
    return m;
}

/// An example whose target is `truth`'s output on a random 8-bit input, quantised and shifted by
/// up to `noise` (so some samples saturate).
core::LayerFitExample example_of(test::Rng& rng, const core::ConvLayer& truth, const core::Geometry& g, core::Extent2 in,
                                 int noise) {
    core::LayerFitExample e;
    e.input = random_real_image(rng, truth.in_channels, in, 0, 255);
    e.plan = core::plan_layer(in, truth.in_channels, truth, g);
    e.target = core::conv_layer(e.input, truth, e.plan, 1);
    for (double& t : e.target.values)
        t = std::clamp(std::floor(std::clamp(t, 0.0, 255.0) + 0.5) + static_cast<double>(rng.between(-noise, noise)), 0.0, 255.0);
    return e;
}

core::Geometry geometry_of(core::Extent2 kernel, const std::string& stride, const std::string& padding,
                           const std::string& dilation = "1") {
    core::Geometry g;
    g.kernel = kernel;
    g.stride = core::parse_extent(stride, 1);
    g.padding = core::parse_padding(padding);
    g.dilation = core::parse_extent(dilation, 1);
    return g;
}

}  // namespace

TEST_CASE("layer fits match torch.optim.Adam over conv_transpose2d step for step", "[fit][layer][golden]") {
    const auto cases = read_layer_fit_goldens();
    REQUIRE(cases.size() >= 5);
    for (const LayerFitGolden& c : cases) {
        for (const int threads : {1, 2}) {
            CAPTURE(c.name, threads);
            core::FitSettings settings = c.settings;
            settings.threads = threads;
            const core::LayerFitResult r = core::fit_layer(c.examples, c.initial, settings);
            REQUIRE(r.loss.size() == c.loss.size());
            for (std::size_t t = 0; t < c.loss.size(); ++t) {
                CAPTURE(t, r.loss[t], c.loss[t]);
                REQUIRE(std::abs(r.loss[t] - c.loss[t]) <= 1e-9 * c.loss[t]);
            }
            CHECK(r.best_step == c.best_step);  // the layer kept is the one of the lowest loss
            REQUIRE(r.layer.weight.size() == c.weight.size());
            for (std::size_t i = 0; i < c.weight.size(); ++i) {
                CAPTURE(i, r.layer.weight[i], c.weight[i]);
                REQUIRE(std::abs(r.layer.weight[i] - c.weight[i]) <= 1e-9);
            }
            REQUIRE(r.layer.bias.size() == c.bias.size());
            for (std::size_t i = 0; i < c.bias.size(); ++i) {
                CAPTURE(i, r.layer.bias[i], c.bias[i]);
                REQUIRE(std::abs(r.layer.bias[i] - c.bias[i]) <= 1e-7);
            }
        }
    }
}

TEST_CASE("a 1x1 layer by hand: the loss and both gradients", "[fit][layer]") {
    // One input pixel of 10, k1 s1, weight 2, bias 1 -> y = 21 against a target of 25: e = -4,
    // loss 16, dL/dw = 2e * x = -80, dL/db = 2e = -8.
    core::ConvLayer layer{1, 1, 1, {1, 1}, {2.0}, {1.0}};
    core::LayerFitExample e;
    e.input = {{1, 1}, 1, {10.0}};
    e.target = {{1, 1}, 1, {25.0}};
    e.plan = core::plan_layer({1, 1}, 1, layer, geometry_of({1, 1}, "1", "0"));
    std::vector<double> wg(1, 0.0), bg(1, 0.0);
    std::vector<core::LayerFitExample> examples{e};
    REQUIRE(core::layer_fit_loss(examples, layer, wg, bg) == 16.0);
    REQUIRE(wg[0] == -80.0);
    REQUIRE(bg[0] == -8.0);
    // A target of 255 only bounds the prediction: 300 costs nothing there, 250 costs 25.
    examples[0].target.values[0] = 255.0;
    layer.weight[0] = 29.9;  // y = 300
    std::fill(wg.begin(), wg.end(), 0.0);
    REQUIRE(core::layer_fit_loss(examples, layer, wg, bg) == 0.0);
    REQUIRE(wg[0] == 0.0);
}

TEST_CASE("finite differences agree with the layer fit's weight and bias gradients", "[fit][layer]") {
    test::Rng rng{std::mt19937_64(20261202)};
    struct Shape {
        int cin, cout, groups;
        core::Extent2 kernel;
        std::string stride, padding, dilation;
    };
    const std::vector<Shape> shapes{{3, 3, 1, {4, 4}, "2", "1", "1"},
                                    {1, 3, 1, {3, 3}, "3", "0", "1"},
                                    {4, 6, 2, {3, 2}, "2x3", "1,0,2,1", "2x1"},
                                    {2, 2, 2, {2, 3}, "1x2", "same", "1"},
                                    {3, 1, 1, {5, 3}, "3x2", "valid", "1"}};
    for (const Shape& s : shapes) {
        CAPTURE(s.cin, s.cout, s.groups, s.stride, s.padding);
        const core::Geometry g = geometry_of(s.kernel, s.stride, s.padding, s.dilation);
        core::ConvLayer truth = core::random_layer(s.cin, s.cout, s.groups, s.kernel, true, 11);
        for (double& w : truth.weight) w *= 3.0;
        std::vector<core::LayerFitExample> examples{example_of(rng, truth, g, {3, 4}, 0), example_of(rng, truth, g, {2, 5}, 0)};
        // Away from the optimum, with no prediction near a saturation bound (the loss is smooth there).
        core::ConvLayer at = core::random_layer(s.cin, s.cout, s.groups, s.kernel, true, 12);
        for (auto& e : examples)
            for (double& t : e.target.values) t = std::clamp(t, 20.0, 235.0);
        std::vector<double> wg(at.weight.size(), 0.0), bg(at.bias.size(), 0.0);
        core::layer_fit_loss(examples, at, wg, bg);
        const double h = 1e-4;
        auto numeric = [&](double& p) {
            const double keep = p;
            p = keep + h;
            const double up = core::layer_fit_loss(examples, at, {}, {});
            p = keep - h;
            const double down = core::layer_fit_loss(examples, at, {}, {});
            p = keep;
            return (up - down) / (2 * h);
        };
        for (std::size_t i = 0; i < at.weight.size(); ++i) {
            CAPTURE(i);
            REQUIRE(wg[i] == Approx(numeric(at.weight[i])).epsilon(1e-6).margin(1e-6));
        }
        for (std::size_t i = 0; i < at.bias.size(); ++i) {
            CAPTURE(i);
            REQUIRE(bg[i] == Approx(numeric(at.bias[i])).epsilon(1e-6).margin(1e-6));
        }
    }
}

TEST_CASE("layer fit losses and parameters are the same bits for any thread count", "[fit][layer]") {
    test::Rng rng{std::mt19937_64(7)};
    const core::Geometry g = geometry_of({4, 4}, "2", "1");
    const core::ConvLayer truth = core::random_layer(3, 2, 1, {4, 4}, true, 3);
    // 40 input rows: more than one block of rows per example, so blocks meet thread boundaries.
    const std::vector<core::LayerFitExample> examples{example_of(rng, truth, g, {40, 7}, 3),
                                                      example_of(rng, truth, g, {9, 33}, 3)};
    core::FitSettings settings;
    settings.steps = 12;
    const core::ConvLayer start = core::zero_layer(3, 2, 1, {4, 4}, true);
    settings.threads = 1;
    const core::LayerFitResult one = core::fit_layer(examples, start, settings);
    for (const int threads : {2, 3, 8}) {
        settings.threads = threads;
        const core::LayerFitResult many = core::fit_layer(examples, start, settings);
        CAPTURE(threads);
        REQUIRE(many.loss == one.loss);
        REQUIRE(many.layer.weight == one.layer.weight);
        REQUIRE(many.layer.bias == one.layer.bias);
    }
}

TEST_CASE("a random layer is recovered from its own unsaturated output", "[fit][layer]") {
    test::Rng rng{std::mt19937_64(99)};
    const core::Geometry g = geometry_of({4, 4}, "2", "1");
    // Weights of both signs and a bias of tens of levels; inputs 0..63 keep every output inside 0..255.
    core::ConvLayer truth = core::random_layer(3, 3, 1, {4, 4}, true, 5);
    for (double& b : truth.bias) b = 60.0 + 20.0 * b;
    std::vector<core::LayerFitExample> examples;
    for (const core::Extent2 size : {core::Extent2{12, 10}, core::Extent2{9, 14}}) {
        core::LayerFitExample e;
        e.input = random_real_image(rng, 3, size, 0, 63);
        e.plan = core::plan_layer(size, 3, truth, g);
        e.target = core::conv_layer(e.input, truth, e.plan, 1);
        for (const double t : e.target.values) REQUIRE((t > 0.0 && t < 255.0));
        examples.push_back(e);
    }
    core::FitSettings settings;
    settings.steps = 1000;
    const core::LayerFitResult r = core::fit_layer(examples, core::zero_layer(3, 3, 1, {4, 4}, true), settings);
    CAPTURE(r.loss.front(), r.loss.back());
    REQUIRE(r.loss.back() < 1e-10 * r.loss.front());
    for (std::size_t i = 0; i < truth.weight.size(); ++i) REQUIRE(std::abs(r.layer.weight[i] - truth.weight[i]) < 1e-6);
    for (std::size_t i = 0; i < truth.bias.size(); ++i) REQUIRE(std::abs(r.layer.bias[i] - truth.bias[i]) < 1e-4);
}

TEST_CASE("initial layers: zeros, and seeded random within PyTorch's range", "[fit][layer]") {
    const core::ConvLayer z = core::zero_layer(4, 6, 2, {3, 2}, true);
    REQUIRE(z.weight.size() == 4 * 3 * 3 * 2);
    REQUIRE(z.bias.size() == 6);
    for (const double w : z.weight) REQUIRE(w == 0.0);
    REQUIRE(core::zero_layer(1, 3, 1, {3, 3}, false).bias.empty());
    const core::ConvLayer a = core::random_layer(4, 6, 2, {3, 2}, true, 42);
    const core::ConvLayer b = core::random_layer(4, 6, 2, {3, 2}, true, 42);
    REQUIRE(a.weight == b.weight);
    REQUIRE(a.bias == b.bias);
    REQUIRE(a.weight != core::random_layer(4, 6, 2, {3, 2}, true, 43).weight);
    const double bound = 1.0 / std::sqrt(3.0 * 3 * 2);  // fan_in = C_out/groups * kH * kW
    for (const double w : a.weight) REQUIRE(std::abs(w) < bound);
    for (const double v : a.bias) REQUIRE(std::abs(v) < bound);
    REQUIRE_THROWS_AS(core::zero_layer(3, 4, 2, {3, 3}, true), core::InvalidParams);
}

TEST_CASE("layer fit rejects examples of another layer and bad settings", "[fit][layer]") {
    test::Rng rng{std::mt19937_64(1)};
    const core::Geometry g = geometry_of({3, 3}, "2", "0");
    const core::ConvLayer layer = core::zero_layer(3, 1, 1, {3, 3}, true);
    const std::vector<core::LayerFitExample> examples{
        example_of(rng, core::random_layer(3, 1, 1, {3, 3}, true, 8), g, {4, 4}, 0)};
    core::FitSettings settings;
    REQUIRE_THROWS_AS(core::fit_layer({}, layer, settings), core::InvalidParams);
    REQUIRE_THROWS_AS(core::fit_layer(examples, core::zero_layer(3, 2, 1, {3, 3}, true), settings), core::InvalidParams);
    REQUIRE_THROWS_AS(core::fit_layer(examples, core::zero_layer(3, 1, 1, {2, 2}, true), settings), core::InvalidParams);
    std::vector<core::LayerFitExample> wrong_target = examples;
    wrong_target[0].target.size.w -= 1;
    REQUIRE_THROWS_AS(core::fit_layer(wrong_target, layer, settings), core::InvalidParams);
    settings.steps = -1;
    REQUIRE_THROWS_AS(core::fit_layer(examples, layer, settings), core::InvalidParams);
    settings.steps = 5;
    settings.adam.learning_rate = 1e6;  // every weight jumps by ~1e6: the loss explodes
    REQUIRE_THROWS_AS(core::fit_layer(examples, layer, settings), core::FitDiverged);
}
