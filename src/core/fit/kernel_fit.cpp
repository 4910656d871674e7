// The kernel fit: the full-batch loss and its gradient over every example, in blocks of rows over
// threads, minimised by the shared Adam loop.
#include "core/fit/kernel_fit.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "core/conv/transposed_conv_float.hpp"
#include "core/errors.hpp"
#include "core/fit/fit_blocks.hpp"
#include "core/fit/transposed_conv_gradient.hpp"

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

std::int64_t total_samples(std::span<const FitExample> examples) {
    std::int64_t samples = 0;
    for (const FitExample& e : examples) samples += e.shape.rows.out * e.shape.cols.out;
    return samples;
}

/// Each example's rows (`AxisShape::in` or `AxisShape::out`), the blocks' row counts.
std::vector<std::int64_t> example_rows(std::span<const FitExample> examples, std::int64_t AxisShape::*rows) {
    std::vector<std::int64_t> counts;
    for (const FitExample& e : examples) counts.push_back(e.shape.rows.*rows);
    return counts;
}

}  // namespace

double fit_loss(std::span<const FitExample> examples, const Kernel& kernel, std::span<double> grad, int threads) {
    check_examples(examples, kernel);
    const float scale = 2.0f / static_cast<float>(total_samples(examples));  // d(mean of e^2)/de

    // Forward pass and residuals per block of output rows; the buffers become dL/dy in place.
    std::vector<FloatPlane> out_grad;
    out_grad.reserve(examples.size());
    for (const FitExample& e : examples) out_grad.push_back(zero_plane(e.shape.out()));
    const std::vector<RowBlock> out_blocks = row_blocks(example_rows(examples, &AxisShape::out));
    std::vector<double> block_sums(out_blocks.size(), 0.0);
    run_blocks(out_blocks.size(), threads, [&](std::size_t i) {
        const RowBlock& block = out_blocks[i];
        const FitExample& e = examples[block.example];
        FloatPlane& out = out_grad[block.example];
        transposed_conv_float_rows(e.input, kernel, e.shape, block.rows, out);
        const auto first = static_cast<std::size_t>(block.rows.begin * e.shape.cols.out);
        const auto last = static_cast<std::size_t>(block.rows.end * e.shape.cols.out);
        double sum = 0.0;
        for (std::size_t k = first; k < last; ++k) {
            const float r = saturated_residual(out.values[k], e.target.values[k]);
            sum += static_cast<double>(r) * static_cast<double>(r);
            out.values[k] = r * scale;
        }
        block_sums[i] = sum;
    });
    double sum = 0.0;
    for (const double s : block_sums) sum += s;

    if (!grad.empty()) {
        // Backward pass per block of input rows; the partial gradients are added in block order.
        const std::vector<RowBlock> in_blocks = row_blocks(example_rows(examples, &AxisShape::in));
        add_block_partials(in_blocks.size(), threads, grad, [&](std::size_t i, std::span<double> partial) {
            const RowBlock& block = in_blocks[i];
            const FitExample& e = examples[block.example];
            add_kernel_gradient_rows(e.input, out_grad[block.example], e.shape, block.rows, partial);
        });
    }
    return sum / static_cast<double>(total_samples(examples));
}

double zero_kernel_loss(std::span<const FitExample> examples) {
    double sum = 0.0;
    for (const FitExample& e : examples)
        for (const float t : e.target.values) {
            const float r = saturated_residual(0.0f, t);
            sum += static_cast<double>(r) * static_cast<double>(r);
        }
    return sum / static_cast<double>(total_samples(examples));
}

FitResult fit_kernel(std::span<const FitExample> examples, const Kernel& initial, const FitSettings& settings,
                     const FitObserver& observer) {
    check_examples(examples, initial);
    FitResult result;
    result.kernel = initial;
    result.samples = total_samples(examples);
    for (const FitExample& e : examples)
        for (const float t : e.target.values) result.saturated_samples += (t <= 0.0f || t >= 255.0f) ? 1 : 0;
    std::vector<double> params(initial.weights.begin(), initial.weights.end());
    // The kernel applied is float, as the main job's: every loss sees the parameters rounded to it.
    const auto apply = [&](std::span<const double> p) {
        for (std::size_t i = 0; i < p.size(); ++i) result.kernel.weights[i] = static_cast<float>(p[i]);
    };
    const auto loss = [&](std::span<const double> p, std::span<double> grad) {
        apply(p);
        return fit_loss(examples, result.kernel, grad, settings.threads);
    };
    Descent descent = adam_descent(params, loss, settings, zero_kernel_loss(examples), observer);
    apply(params);
    result.loss = std::move(descent.loss);
    result.best_step = descent.best_step;
    return result;
}

Kernel zero_kernel(Extent2 size) { return Kernel{size, std::vector<double>(static_cast<std::size_t>(size.h * size.w), 0.0)}; }

Kernel random_kernel(Extent2 size, std::uint64_t seed) {
    // Mersenne Twister's output is fixed by the standard; std::uniform_real_distribution's is not.
    std::mt19937_64 engine(seed);
    const double bound = 1.0 / std::sqrt(static_cast<double>(size.h * size.w));
    Kernel k = zero_kernel(size);
    for (double& w : k.weights) {
        const double unit = static_cast<double>(engine() >> 11) * 0x1p-53;  // [0, 1)
        w = static_cast<float>((2.0 * unit - 1.0) * bound);                 // float weights, the fit's
    }
    return k;
}

}  // namespace tconv::core
