// The float transposed convolution and its gradients: hand-derived 1-D and 2-D values, finite
// differences, the adjoint identity, and agreement with the 8-bit main job on random geometries.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv.hpp"
#include "core/conv/transposed_conv_float.hpp"
#include "core/errors.hpp"
#include "core/fit/kernel_fit.hpp"
#include "core/fit/transposed_conv_gradient.hpp"
#include "core/image/quantise.hpp"

using namespace tconv::core;

namespace {

FloatPlane plane(std::int64_t h, std::int64_t w, std::vector<float> values) {
    REQUIRE(values.size() == static_cast<std::size_t>(h * w));
    return FloatPlane{{h, w}, std::move(values)};
}

Kernel kernel(std::int64_t h, std::int64_t w, std::vector<float> values) {
    REQUIRE(values.size() == static_cast<std::size_t>(h * w));
    return Kernel{{h, w}, std::vector<double>(values.begin(), values.end())};
}

Geometry geometry(Extent2 k, Extent2 stride, Extent2 dilation = {1, 1}, Padding padding = {},
                  std::optional<Extent2> output_padding = {}) {
    return Geometry{k, stride, dilation, padding, output_padding};
}

Padding symmetric(std::int64_t rows, std::int64_t cols) { return Padding{PaddingMode::Explicit, rows, cols, rows, cols}; }

void check_values(const std::vector<float>& got, const std::vector<double>& want, double tolerance) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i, got[i], want[i]);
        CHECK(std::abs(static_cast<double>(got[i]) - want[i]) <= tolerance);
    }
}

void check_values(const std::vector<double>& got, const std::vector<double>& want, double tolerance) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i, got[i], want[i]);
        CHECK(std::abs(got[i] - want[i]) <= tolerance);
    }
}

/// A random valid geometry and input size: every padding mode, strides, dilations, output paddings.
struct RandomCase {
    Geometry geometry;
    OutputShape shape;
    std::string label;
};

RandomCase random_case(std::mt19937& rng) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
    for (;;) {
        Geometry g;
        g.kernel = {pick(1, 4), pick(1, 4)};
        g.stride = {pick(1, 3), pick(1, 3)};
        g.dilation = {pick(1, 3), pick(1, 2)};
        const std::int64_t mode = pick(0, 3);
        if (mode == 0)
            g.padding = symmetric(pick(0, 2), pick(0, 2));
        else if (mode == 1)
            g.padding = Padding{PaddingMode::Explicit, pick(0, 2), pick(0, 2), pick(0, 3), pick(0, 1)};
        else
            g.padding.mode = mode == 2 ? PaddingMode::Valid : PaddingMode::Same;
        if (pick(0, 1) == 1)
            g.output_padding =
                Extent2{pick(0, std::max(g.stride.h, g.dilation.h) - 1), pick(0, std::max(g.stride.w, g.dilation.w) - 1)};
        const Extent2 in{pick(1, 6), pick(1, 5)};
        try {
            const OutputShape s = plan_output_shape(in, g);
            const std::string label =
                "in " + std::to_string(in.h) + "x" + std::to_string(in.w) + " k " + std::to_string(g.kernel.h) + "x" +
                std::to_string(g.kernel.w) + " s " + std::to_string(g.stride.h) + "x" + std::to_string(g.stride.w) + " d " +
                std::to_string(g.dilation.h) + "x" + std::to_string(g.dilation.w) + " mode " + std::to_string(mode) + " crop " +
                std::to_string(s.rows.crop_begin) + "," + std::to_string(s.cols.crop_begin) + " out " +
                std::to_string(s.rows.out) + "x" + std::to_string(s.cols.out);
            return {g, s, label};
        } catch (const InvalidParams&) {
            // output smaller than 1: draw again
        }
    }
}

FloatPlane random_plane(Extent2 size, std::mt19937& rng) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    FloatPlane p = zero_plane(size);
    for (float& v : p.values) v = normal(rng);
    return p;
}

Kernel random_weights(Extent2 size, std::mt19937& rng) {
    const FloatPlane p = random_plane(size, rng);
    return Kernel{size, std::vector<double>(p.values.begin(), p.values.end())};
}

double dot(const std::vector<float>& a, const std::vector<float>& b) {
    REQUIRE(a.size() == b.size());
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * static_cast<double>(b[i]);
    return s;
}

}  // namespace

TEST_CASE("1-D by hand: stride 2, padding 1 keeps one tap per output", "[gradient]") {
    // x = [1, 2], w = [3, 5]: the full buffer is [3, 5, 6, 10]; padding 1 keeps [5, 6].
    const auto shape = plan_output_shape({1, 2}, geometry({1, 2}, {1, 2}, {1, 1}, symmetric(0, 1)));
    const FloatPlane x = plane(1, 2, {1, 2});
    const Kernel w = kernel(1, 2, {3, 5});
    check_values(transposed_conv_float(x, w, shape).values, {5, 6}, 0);
    const FloatPlane g = plane(1, 2, {1, 10});
    // y0 = x0*w1, y1 = x1*w0: dL/dw0 = x1*g1 = 20, dL/dw1 = x0*g0 = 1; dL/dx0 = w1*g0 = 5, dL/dx1 = w0*g1 = 30.
    check_values(transposed_conv_kernel_gradient(x, g, shape), {20, 1}, 0);
    check_values(transposed_conv_input_gradient(g, w, shape).values, {5, 30}, 0);
}

TEST_CASE("1-D by hand: dilation 2 makes taps overlap", "[gradient]") {
    // x = [1, 2, 3], w = [1, -1], dilation 2: y[i + 2t] += x[i] w[t] -> [x0, x1, x2 - x0, -x1, -x2].
    const auto shape = plan_output_shape({3, 1}, geometry({2, 1}, {1, 1}, {2, 1}));
    const FloatPlane x = plane(3, 1, {1, 2, 3});
    const Kernel w = kernel(2, 1, {1, -1});
    check_values(transposed_conv_float(x, w, shape).values, {1, 2, 2, -2, -3}, 0);
    const FloatPlane g = plane(5, 1, {1, 2, 3, 4, 5});
    // dL/dw0 = x . g[0..2] = 14, dL/dw1 = x . g[2..4] = 26; dL/dx_i = g[i] - g[i+2] = -2.
    check_values(transposed_conv_kernel_gradient(x, g, shape), {14, 26}, 0);
    check_values(transposed_conv_input_gradient(g, w, shape).values, {-2, -2, -2}, 0);
}

TEST_CASE("2-D by hand: k2 s2 places one block per input pixel", "[gradient]") {
    // x = [[1,2],[3,4]], g[y][x] = 4y + x. dL/dw[a][b] = sum x_ij (4(2i+a) + 2j+b) = 68 + 10(4a+b);
    // dL/dx[i][j] = sum w_ab (8i + 2j + 4a + b) = 10(8i+2j) + 34.
    const auto shape = plan_output_shape({2, 2}, geometry({2, 2}, {2, 2}));
    const FloatPlane x = plane(2, 2, {1, 2, 3, 4});
    const Kernel w = kernel(2, 2, {1, 2, 3, 4});
    check_values(transposed_conv_float(x, w, shape).values, {1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16}, 0);
    FloatPlane g = zero_plane({4, 4});
    for (std::size_t i = 0; i < 16; ++i) g.values[i] = static_cast<float>(i);
    check_values(transposed_conv_kernel_gradient(x, g, shape), {68, 78, 108, 118}, 0);
    check_values(transposed_conv_input_gradient(g, w, shape).values, {34, 54, 114, 134}, 0);
}

TEST_CASE("2-D by hand: asymmetric ONNX crop, and output padding re-exposing a cropped column", "[gradient]") {
    // x = [[1, 2]] (1x2), w = [[1],[2]] (2x1), stride 1x2, pads t,l,b,r = 1,0,0,1, output padding 0x1:
    // full is 2x3 = [[1,0,2],[2,0,4]]; drop row 0 and column 2, then the output padding column takes what
    // the full buffer holds there: [[2, 0, 4]] (the column cropped by r = 1 comes back).
    const Geometry geo = geometry({2, 1}, {1, 2}, {1, 1}, Padding{PaddingMode::Explicit, 1, 0, 0, 1}, Extent2{0, 1});
    const auto shape = plan_output_shape({1, 2}, geo);
    REQUIRE(shape.out() == Extent2{1, 3});
    const FloatPlane x = plane(1, 2, {1, 2});
    const Kernel w = kernel(2, 1, {1, 2});
    check_values(transposed_conv_float(x, w, shape).values, {2, 0, 4}, 0);
    const FloatPlane g = plane(1, 3, {7, 11, 13});
    // Only tap w1 reaches the window (row 0 is cropped): y0 = x0*w1, y2 = x1*w1.
    // dL/dw = [0, x0*g0 + x1*g2] = [0, 33]; dL/dx = [w1*g0, w1*g2] = [14, 26].
    check_values(transposed_conv_kernel_gradient(x, g, shape), {0, 33}, 0);
    check_values(transposed_conv_input_gradient(g, w, shape).values, {14, 26}, 0);
}

TEST_CASE("finite differences agree with both gradients on random cases", "[gradient]") {
    std::mt19937 rng(5);
    for (int n = 0; n < 100; ++n) {
        const RandomCase rc = random_case(rng);
        CAPTURE(n, rc.label);
        const FloatPlane x = random_plane(rc.shape.in(), rng);
        const Kernel w = random_weights(rc.geometry.kernel, rng);
        const FloatPlane g = random_plane(rc.shape.out(), rng);
        // L = <y, g> is linear in w and in x, so a central difference is exact up to float rounding.
        const float h = 0.5f;
        const auto kernel_grad = transposed_conv_kernel_gradient(x, g, rc.shape);
        for (std::size_t i = 0; i < w.weights.size(); ++i) {
            Kernel plus = w, minus = w;
            plus.weights[i] += h;
            minus.weights[i] -= h;
            const double fd = (dot(transposed_conv_float(x, plus, rc.shape).values, g.values) -
                               dot(transposed_conv_float(x, minus, rc.shape).values, g.values)) /
                              (2.0 * h);
            CAPTURE(i, fd, kernel_grad[i]);
            CHECK(std::abs(fd - kernel_grad[i]) <= 1e-4 * (1.0 + std::abs(fd)));
        }
        const auto input_grad = transposed_conv_input_gradient(g, w, rc.shape);
        for (std::size_t i = 0; i < x.values.size(); ++i) {
            FloatPlane plus = x, minus = x;
            plus.values[i] += h;
            minus.values[i] -= h;
            const double fd = (dot(transposed_conv_float(plus, w, rc.shape).values, g.values) -
                               dot(transposed_conv_float(minus, w, rc.shape).values, g.values)) /
                              (2.0 * h);
            CAPTURE(i, fd, input_grad.values[i]);
            CHECK(std::abs(fd - static_cast<double>(input_grad.values[i])) <= 1e-4 * (1.0 + std::abs(fd)));
        }
    }
}

TEST_CASE("finite differences agree with the fit loss's kernel gradient", "[gradient]") {
    std::mt19937 rng(11);
    for (int n = 0; n < 40; ++n) {
        const RandomCase rc = random_case(rng);
        CAPTURE(n, rc.label);
        FitExample e{random_plane(rc.shape.in(), rng), zero_plane(rc.shape.out()), rc.shape};
        for (float& v : e.input.values) v = std::abs(v) * 100.0f;
        // Targets inside 1..254 keep the loss a smooth quadratic (saturation has its own test).
        std::uniform_real_distribution<float> inside(1.0f, 254.0f);
        for (float& v : e.target.values) v = std::round(inside(rng));
        const Kernel w = random_weights(rc.geometry.kernel, rng);
        const std::vector<FitExample> examples{e};
        std::vector<double> grad(w.weights.size(), 0.0);
        fit_loss(examples, w, grad);
        // The loss is quadratic in w: the central difference has no truncation error at any step.
        const float h = 0.25f;
        for (std::size_t i = 0; i < w.weights.size(); ++i) {
            Kernel plus = w, minus = w;
            plus.weights[i] += h;
            minus.weights[i] -= h;
            const double fd = (fit_loss(examples, plus, {}) - fit_loss(examples, minus, {})) / (2.0 * h);
            CAPTURE(i, fd, grad[i]);
            CHECK(std::abs(fd - grad[i]) <= 1e-3 * (1.0 + std::abs(fd)));
        }
    }
}

TEST_CASE("adjoint identity <tconv(x), y> = <x, conv(y)> on random geometries", "[gradient]") {
    std::mt19937 rng(23);
    int by_mode[3] = {0, 0, 0};
    for (int n = 0; n < 300; ++n) {
        const RandomCase rc = random_case(rng);
        CAPTURE(n, rc.label);
        ++by_mode[static_cast<int>(rc.geometry.padding.mode)];
        const FloatPlane x = random_plane(rc.shape.in(), rng);
        const FloatPlane y = random_plane(rc.shape.out(), rng);
        const Kernel w = random_weights(rc.geometry.kernel, rng);
        const double lhs = dot(transposed_conv_float(x, w, rc.shape).values, y.values);
        const double rhs = dot(x.values, transposed_conv_input_gradient(y, w, rc.shape).values);
        CAPTURE(lhs, rhs);
        CHECK(std::abs(lhs - rhs) <= 1e-4 * (1.0 + std::abs(lhs)));
    }
    CAPTURE(by_mode[0], by_mode[1], by_mode[2]);
    CHECK((by_mode[0] > 50 && by_mode[1] > 50 && by_mode[2] > 50));  // every padding mode was exercised
}

TEST_CASE("the float forward pass quantises to exactly the main job's pixels", "[gradient]") {
    // Weights are multiples of 1/8 and pixels integers, so every float sum is exact in both paths.
    std::mt19937 rng(42);
    for (int n = 0; n < 200; ++n) {
        const RandomCase rc = random_case(rng);
        const int channels = static_cast<int>(std::uniform_int_distribution<int>(1, 4)(rng));
        CAPTURE(n, rc.label, channels);
        Image image = blank_image(rc.shape.in(), channels);
        for (auto& p : image.pixels) p = static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 255)(rng));
        Kernel w = zero_kernel(rc.geometry.kernel);
        for (double& v : w.weights) v = std::uniform_int_distribution<int>(-12, 16)(rng) / 8.0;
        const Image expected = transposed_conv(image, w, rc.shape, 1);
        for (int c = 0; c < channels; ++c) {
            const FloatPlane out = transposed_conv_float(channel_plane(image, c), w, rc.shape);
            REQUIRE(out.size == expected.size());
            for (std::int64_t y = 0; y < out.size.h; ++y)
                for (std::int64_t x = 0; x < out.size.w; ++x) {
                    if (quantise(out.at(y, x)) == expected.at(y, x, c)) continue;
                    CAPTURE(y, x, c, out.at(y, x), static_cast<int>(expected.at(y, x, c)));
                    FAIL("float forward and main job differ");
                }
        }
    }
}
