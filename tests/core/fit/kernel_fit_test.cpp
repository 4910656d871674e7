// The fit loop: Adam's first steps by hand, the one-sided loss on saturated targets, recovery of a
// known kernel, the initial kernels, the errors, divergence, and the same bits for any thread count.
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv_float.hpp"
#include "core/errors.hpp"
#include "core/fit/adam.hpp"
#include "core/fit/kernel_fit.hpp"
#include "core/fit/transposed_conv_gradient.hpp"

using namespace tconv::core;

namespace {

FitExample example(const FloatPlane& input, const Kernel& truth, const Geometry& g) {
    const OutputShape shape = plan_output_shape(input.size, g);
    FloatPlane target = transposed_conv_float(input, truth, shape);
    for (float& v : target.values) v = std::clamp(std::round(v), 0.0f, 255.0f);
    return FitExample{input, target, shape};
}

/// Pseudo-random integers 0..max: uncorrelated neighbours keep every tap identifiable.
FloatPlane ramp(Extent2 size, std::uint32_t max = 250) {
    std::mt19937 engine(static_cast<std::uint32_t>(size.h * 1000 + size.w));
    FloatPlane p = zero_plane(size);
    for (float& v : p.values) v = static_cast<float>(engine() % (max + 1));
    return p;
}

}  // namespace

TEST_CASE("Adam's first two steps by hand", "[fit]") {
    // Step 1: m = 0.1 g, v = 0.001 g^2, corrected m^ = g, v^ = g^2: p -= lr * g / (|g| + eps) = lr * sign(g).
    // Step 2 with the same g: m = 0.19 g, v = 0.001999 g^2, m^ = g, v^ = g^2: again lr * sign(g).
    Adam adam(2, AdamSettings{0.5, 0.9, 0.999, 1e-8});
    std::vector<double> p{1.0, -1.0};
    const std::vector<double> g{4.0, -0.001};
    adam.step(p, g);
    CHECK(p[0] == Approx(0.5).margin(1e-6));
    CHECK(p[1] == Approx(-0.5).margin(1e-4));
    adam.step(p, g);
    CHECK(p[0] == Approx(0.0).margin(1e-6));
    CHECK(p[1] == Approx(0.0).margin(1e-4));
}

TEST_CASE("saturated targets only bound the prediction", "[fit]") {
    // One input pixel 10, a 1x1 kernel w, stride 1: y = 10 w against targets 255, 0 and 100.
    const Geometry g{{1, 1}, {1, 1}, {1, 1}, {}, {}};
    const FloatPlane x{{1, 1}, {10.0f}};
    auto loss_at = [&](float target, float w, double* grad) {
        const std::vector<FitExample> ex{FitExample{x, FloatPlane{{1, 1}, {target}}, plan_output_shape({1, 1}, g)}};
        std::vector<double> gr(1, 0.0);
        const double l = fit_loss(ex, Kernel{{1, 1}, {w}}, gr);
        *grad = gr[0];
        return l;
    };
    double grad = 0;
    CHECK(loss_at(255, 30.0f, &grad) == 0.0);  // y = 300 would be written as 255
    CHECK(grad == 0.0);
    CHECK(loss_at(255, 20.0f, &grad) == Approx(55.0 * 55.0));  // y = 200 falls short
    CHECK(grad == Approx(2.0 * -55.0 * 10.0));
    CHECK(loss_at(0, -1.0f, &grad) == 0.0);  // y = -10 would be written as 0
    CHECK(grad == 0.0);
    CHECK(loss_at(0, 1.0f, &grad) == Approx(100.0));
    CHECK(loss_at(100, 30.0f, &grad) == Approx(200.0 * 200.0));  // an unsaturated target is two-sided
    CHECK(grad == Approx(2.0 * 200.0 * 10.0));
}

TEST_CASE("fit recovers a bilinear kernel and an asymmetric saturating one", "[fit]") {
    const Geometry bilinear_geo{{4, 4}, {2, 2}, {1, 1}, Padding{PaddingMode::Explicit, 1, 1, 1, 1}, {}};
    const Kernel bilinear = bilinear_kernel({4, 4});
    const Geometry asym_geo{{3, 2}, {2, 1}, {1, 1}, Padding{PaddingMode::Explicit, 0, 1, 1, 0}, {}};
    // Even output rows see taps 0 and 2 (sum 3.875: bright inputs reach 255), odd rows tap 1 (can go below 0).
    const Kernel asym{{3, 2}, {1.5f, 0.25f, -0.5f, 0.75f, 0.125f, 2.0f}};
    struct Case {
        const char* name;
        Geometry geometry;
        Kernel truth;
        Kernel init;
        int input_max;
    };
    for (const Case& c : {Case{"bilinear k4 s2 p1", bilinear_geo, bilinear, ones_kernel({4, 4}), 250},
                          Case{"asymmetric 3x2 s2x1", asym_geo, asym, zero_kernel({3, 2}), 100}}) {
        CAPTURE(c.name);
        const std::vector<FitExample> examples{example(ramp({9, 7}, c.input_max), c.truth, c.geometry),
                                               example(ramp({5, 11}, c.input_max), c.truth, c.geometry)};
        FitSettings settings;
        settings.steps = 400;
        const FitResult r = fit_kernel(examples, c.init, settings);
        REQUIRE(r.loss.size() == 401);
        CAPTURE(r.loss.front(), r.loss.back(), r.saturated_samples, r.samples);
        CHECK(r.loss.back() < r.loss.front() * 1e-3);
        CHECK(r.loss.back() < 0.2);  // rounding the targets alone costs about 1/12
        for (std::size_t i = 0; i < c.truth.weights.size(); ++i) {
            CAPTURE(i, r.kernel.weights[i], c.truth.weights[i]);
            CHECK(std::abs(r.kernel.weights[i] - c.truth.weights[i]) < 0.01f);
        }
    }
}

TEST_CASE("the observer sees every loss, and zero steps only measure", "[fit]") {
    const Geometry g{{2, 2}, {2, 2}, {1, 1}, {}, {}};
    const std::vector<FitExample> examples{example(ramp({3, 3}), ones_kernel({2, 2}), g)};
    std::vector<std::int64_t> seen;
    FitSettings settings;
    settings.steps = 3;
    const FitResult r =
        fit_kernel(examples, zero_kernel({2, 2}), settings, [&](std::int64_t step, double) { seen.push_back(step); });
    CHECK(seen == std::vector<std::int64_t>{0, 1, 2, 3});
    CHECK(r.samples == 36);
    settings.steps = 0;
    const FitResult none = fit_kernel(examples, ones_kernel({2, 2}), settings);
    CHECK(none.loss == std::vector<double>{0.0});
    CHECK(none.kernel.weights == ones_kernel({2, 2}).weights);
}

TEST_CASE("initial kernels: zeros, and seeded random within PyTorch's range", "[fit]") {
    CHECK(zero_kernel({2, 3}).weights == std::vector<double>(6, 0.0));
    const Kernel a = random_kernel({3, 4}, 7);
    CHECK(a.size == Extent2{3, 4});
    CHECK(a.weights == random_kernel({3, 4}, 7).weights);
    CHECK(a.weights != random_kernel({3, 4}, 8).weights);
    const float bound = 1.0f / std::sqrt(12.0f);
    for (const double w : a.weights) {
        CAPTURE(w);
        CHECK((w >= -bound && w < bound));
    }
}

TEST_CASE("fit rejects mismatched shapes and bad settings", "[fit]") {
    const Geometry g{{2, 2}, {2, 2}, {1, 1}, {}, {}};
    FitExample e = example(ramp({3, 3}), ones_kernel({2, 2}), g);
    FitSettings settings;
    CHECK_THROWS_AS(fit_kernel({}, ones_kernel({2, 2}), settings), InvalidParams);
    CHECK_THROWS_WITH(fit_kernel(std::vector{e}, ones_kernel({3, 2}), settings),
                      Catch::Contains("kernel is 3x2") && Catch::Contains("2x2"));
    FitExample wrong = e;
    wrong.target = zero_plane({6, 5});
    CHECK_THROWS_WITH(fit_kernel(std::vector{wrong}, ones_kernel({2, 2}), settings),
                      Catch::Contains("target is 6x5") && Catch::Contains("6x6"));
    settings.adam.learning_rate = 0.0;
    CHECK_THROWS_AS(fit_kernel(std::vector{e}, ones_kernel({2, 2}), settings), InvalidParams);
    settings.adam.learning_rate = 0.01;
    settings.steps = -1;
    CHECK_THROWS_AS(fit_kernel(std::vector{e}, ones_kernel({2, 2}), settings), InvalidParams);
}

TEST_CASE("a diverging fit stops at the first loss above 10 x max(start, zero kernel's)", "[fit]") {
    // One pixel 10, 1x1 kernel, target 100: loss(w) = (10 w - 100)^2; the zero kernel's is 10000.
    // From w = 0 Adam's first step moves w by lr: lr 50 gives w = 50, loss 400^2 = 160000 > 100000.
    const Geometry g{{1, 1}, {1, 1}, {1, 1}, {}, {}};
    const std::vector<FitExample> ex{
        FitExample{FloatPlane{{1, 1}, {10.0f}}, FloatPlane{{1, 1}, {100.0f}}, plan_output_shape({1, 1}, g)}};
    CHECK(zero_kernel_loss(ex) == 10000.0);
    CHECK(divergence_limit(3.0, 10000.0) == 100000.0);
    CHECK(divergence_limit(20000.0, 10000.0) == 200000.0);
    FitSettings settings;
    settings.steps = 5;
    settings.adam.learning_rate = 50.0;
    try {
        fit_kernel(ex, zero_kernel({1, 1}), settings);
        FAIL("no divergence reported");
    } catch (const FitDiverged& e) {
        CHECK(e.step() == 1);
        CHECK(e.loss() == Approx(160000.0));
        CHECK(e.limit() == 100000.0);
    }
    // lr 40: w = 40, loss 300^2 = 90000 stays under the limit on step 1.
    settings.steps = 1;
    settings.adam.learning_rate = 40.0;
    CHECK(fit_kernel(ex, zero_kernel({1, 1}), settings).loss.back() == Approx(90000.0));
    // From a near-perfect kernel (loss 0.01) Adam's first step still moves w by lr, here to 9.01 (loss
    // 98.01): far above 10 x the start, but the zero kernel's loss bounds the limit from below.
    settings.adam.learning_rate = 1.0;
    CHECK(fit_kernel(ex, Kernel{{1, 1}, {10.01f}}, settings).loss.back() == Approx(98.01).epsilon(1e-4));
    // A loss that is not finite diverges at once.
    const std::vector<FitExample> inf{
        FitExample{FloatPlane{{1, 1}, {INFINITY}}, FloatPlane{{1, 1}, {100.0f}}, plan_output_shape({1, 1}, g)}};
    CHECK_THROWS_AS(fit_kernel(inf, Kernel{{1, 1}, {1.0f}}, settings), FitDiverged);
}

TEST_CASE("fit_kernel returns the kernel of the lowest loss, not the last step's", "[fit]") {
    // One pixel 10, 1x1 kernel, target 100: loss(w) = (10 w - 100)^2. lr 4 makes Adam overshoot w = 10
    // and swing around it, so the last step is not the best one.
    const Geometry g{{1, 1}, {1, 1}, {1, 1}, {}, {}};
    const std::vector<FitExample> ex{
        FitExample{FloatPlane{{1, 1}, {10.0f}}, FloatPlane{{1, 1}, {100.0f}}, plan_output_shape({1, 1}, g)}};
    FitSettings settings;
    settings.steps = 40;
    settings.adam.learning_rate = 4.0;
    const FitResult r = fit_kernel(ex, zero_kernel({1, 1}), settings);
    const auto lowest = std::min_element(r.loss.begin(), r.loss.end());
    CAPTURE(r.loss, r.best_step);
    REQUIRE(r.loss.back() > *lowest);  // the spike this test is about
    CHECK(r.best_step == lowest - r.loss.begin());
    CHECK(fit_loss(ex, r.kernel, {}) == *lowest);  // the kernel returned is the one that had that loss
}

TEST_CASE("losses and kernel are the same bits for any thread count", "[fit]") {
    // Two examples of 40 and 23 input rows (80x27 and 46x19 outputs): several row blocks each, split
    // differently by 2, 3 and 7 threads.
    const Geometry g{{4, 3}, {2, 2}, {1, 1}, Padding{PaddingMode::Explicit, 1, 0, 1, 0}, {}};
    const Kernel truth{{4, 3}, {0.1f, 0.3f, 0.2f, 0.4f, 0.9f, 0.5f, 0.3f, 0.8f, 0.6f, 0.1f, 0.2f, 0.1f}};
    // Inputs up to 60 keep every target below 255: no saturated sample, so the plain residual below holds.
    const std::vector<FitExample> examples{example(ramp({40, 13}, 60), truth, g), example(ramp({23, 9}, 60), truth, g)};
    FitSettings settings;
    settings.steps = 30;
    const FitResult one = fit_kernel(examples, zero_kernel({4, 3}), settings);
    for (const int threads : {2, 3, 7}) {
        CAPTURE(threads);
        settings.threads = threads;
        const FitResult r = fit_kernel(examples, zero_kernel({4, 3}), settings);
        CHECK(r.loss == one.loss);  // exact: the same sums in the same order
        CHECK(r.kernel.weights == one.kernel.weights);
    }
    // The blocked gradient is the whole-plane one up to float rounding of dL/dy and the order of sums.
    const Kernel ones = ones_kernel({4, 3});
    std::vector<double> grad(12, 0.0);
    fit_loss(examples, ones, grad, 3);
    std::vector<double> whole(12, 0.0);
    for (const FitExample& e : examples) {
        FloatPlane out = transposed_conv_float(e.input, ones, e.shape);
        for (std::size_t i = 0; i < out.values.size(); ++i)
            out.values[i] = (out.values[i] - e.target.values[i]) * 2.0f / static_cast<float>(80 * 27 + 46 * 19);
        const std::vector<double> g1 = transposed_conv_kernel_gradient(e.input, out, e.shape);
        for (std::size_t i = 0; i < 12; ++i) whole[i] += g1[i];
    }
    for (std::size_t i = 0; i < 12; ++i) {
        CAPTURE(i);
        CHECK(grad[i] == Approx(whole[i]).epsilon(1e-6));
    }
}

TEST_CASE("forward rows in any bands give the whole plane's bits", "[fit]") {
    const Geometry g{{3, 2}, {3, 2}, {2, 1}, Padding{PaddingMode::Explicit, 2, 1, 1, 0}, Extent2{1, 1}};
    const FloatPlane in = ramp({7, 5});
    const Kernel k{{3, 2}, {0.3f, -1.7f, 2.1f, 0.7f, -0.2f, 1.3f}};
    const OutputShape shape = plan_output_shape(in.size, g);
    const FloatPlane whole = transposed_conv_float(in, k, shape);
    for (const std::int64_t band : {1, 2, 5, 16}) {
        CAPTURE(band);
        FloatPlane out = zero_plane(shape.out());
        for (std::int64_t y = 0; y < shape.rows.out; y += band)
            transposed_conv_float_rows(in, k, shape, RowRange{y, std::min(y + band, shape.rows.out)}, out);
        CHECK(out.values == whole.values);
    }
}
