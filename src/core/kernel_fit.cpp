// The fit loop: full-batch loss and gradient over every example, then one Adam update, repeated.
#include "core/kernel_fit.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "core/errors.hpp"
#include "core/transposed_conv_float.hpp"
#include "core/transposed_conv_gradient.hpp"

namespace tconv::core {
namespace {

std::string size_text(Extent2 s) { return std::to_string(s.h) + "x" + std::to_string(s.w); }

void check_examples(std::span<const FitExample> examples, const Kernel& kernel) {
    if (examples.empty()) throw InvalidParams("no examples to fit");
    for (const FitExample& e : examples) {
        const Extent2 k{e.shape.rows.kernel, e.shape.cols.kernel};
        if (k != kernel.size)
            throw InvalidParams("the kernel is " + size_text(kernel.size) + " but the geometry's is " + size_text(k));
        if (e.input.size != e.shape.in())
            throw InvalidParams("input is " + size_text(e.input.size) + " but the plan is for " + size_text(e.shape.in()));
        if (e.target.size != e.shape.out())
            throw InvalidParams("target is " + size_text(e.target.size) + " but the geometry gives " + size_text(e.shape.out()));
    }
}

/// The residual of one sample: a saturated target only bounds the prediction (see fit_loss).
float residual(float predicted, float target) {
    if (target <= 0.0f && predicted < 0.0f) return 0.0f;
    if (target >= 255.0f && predicted > 255.0f) return 0.0f;
    return predicted - target;
}

}  // namespace

double fit_loss(std::span<const FitExample> examples, const Kernel& kernel, std::span<double> grad) {
    check_examples(examples, kernel);
    std::int64_t samples = 0;
    for (const FitExample& e : examples) samples += e.shape.rows.out * e.shape.cols.out;
    const float scale = 2.0f / static_cast<float>(samples);  // d(mean of e^2)/de
    double sum = 0.0;
    for (const FitExample& e : examples) {
        FloatPlane out = transposed_conv_float(e.input, kernel, e.shape);
        double plane_sum = 0.0;
        for (std::size_t i = 0; i < out.values.size(); ++i) {
            const float r = residual(out.values[i], e.target.values[i]);
            plane_sum += static_cast<double>(r) * static_cast<double>(r);
            out.values[i] = r * scale;  // the buffer becomes dL/dy in place
        }
        sum += plane_sum;
        if (grad.empty()) continue;
        const std::vector<double> g = transposed_conv_kernel_gradient(e.input, out, e.shape);
        for (std::size_t i = 0; i < g.size(); ++i) grad[i] += g[i];
    }
    return sum / static_cast<double>(samples);
}

FitResult fit_kernel(std::span<const FitExample> examples, const Kernel& initial, const FitSettings& settings,
                     const FitObserver& observer) {
    check_examples(examples, initial);
    if (settings.steps < 0) throw InvalidParams("steps must be >= 0, got " + std::to_string(settings.steps));
    const double lr = settings.adam.learning_rate;
    if (!(lr > 0.0) || !std::isfinite(lr)) throw InvalidParams("the learning rate must be > 0 and finite");

    FitResult result;
    result.kernel = initial;
    for (const FitExample& e : examples) {
        result.samples += e.shape.rows.out * e.shape.cols.out;
        for (const float t : e.target.values) result.saturated_samples += (t <= 0.0f || t >= 255.0f) ? 1 : 0;
    }
    std::vector<double> params(initial.weights.begin(), initial.weights.end());
    std::vector<double> grad(params.size());
    Adam adam(params.size(), settings.adam);
    auto record = [&](std::int64_t step, double loss) {
        if (!std::isfinite(loss))
            throw InvalidParams("the loss stopped being finite at step " + std::to_string(step) +
                                "; try a smaller learning rate");
        result.loss.push_back(loss);
        if (observer) observer(step, loss);
    };
    for (std::int64_t t = 0; t < settings.steps; ++t) {
        std::fill(grad.begin(), grad.end(), 0.0);
        record(t, fit_loss(examples, result.kernel, grad));
        adam.step(params, grad);
        for (std::size_t i = 0; i < params.size(); ++i) result.kernel.weights[i] = static_cast<float>(params[i]);
    }
    record(settings.steps, fit_loss(examples, result.kernel, {}));
    return result;
}

Kernel zero_kernel(Extent2 size) { return Kernel{size, std::vector<float>(static_cast<std::size_t>(size.h * size.w), 0.0f)}; }

Kernel random_kernel(Extent2 size, std::uint64_t seed) {
    // Mersenne Twister's output is fixed by the standard; std::uniform_real_distribution's is not.
    std::mt19937_64 engine(seed);
    const double bound = 1.0 / std::sqrt(static_cast<double>(size.h * size.w));
    Kernel k = zero_kernel(size);
    for (float& w : k.weights) {
        const double unit = static_cast<double>(engine() >> 11) * 0x1p-53;  // [0, 1)
        w = static_cast<float>((2.0 * unit - 1.0) * bound);
    }
    return k;
}

}  // namespace tconv::core
