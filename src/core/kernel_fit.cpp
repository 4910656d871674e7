// The fit loop: full-batch loss and gradient over every example (blocks of rows over threads), then
// one Adam update, repeated until the steps are done or the loss diverges.
#include "core/kernel_fit.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "core/errors.hpp"
#include "core/row_bands.hpp"
#include "core/tap_runs.hpp"
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

std::int64_t total_samples(std::span<const FitExample> examples) {
    std::int64_t samples = 0;
    for (const FitExample& e : examples) samples += e.shape.rows.out * e.shape.cols.out;
    return samples;
}

/// Rows per block of partial sums: fixed, so that the sums do not depend on the thread count.
constexpr std::int64_t block_rows = 16;

/// Rows `rows` of example `example`: one unit of work, and one partial sum.
struct RowBlock {
    std::size_t example = 0;
    RowRange rows;
};

/// Every example's rows [0, rows_of(example)) cut into blocks of block_rows, examples in order.
template <class RowsOf>
std::vector<RowBlock> row_blocks(std::span<const FitExample> examples, RowsOf rows_of) {
    std::vector<RowBlock> blocks;
    for (std::size_t e = 0; e < examples.size(); ++e) {
        const std::int64_t rows = rows_of(examples[e]);
        for (std::int64_t y = 0; y < rows; y += block_rows) blocks.push_back({e, {y, std::min(rows, y + block_rows)}});
    }
    return blocks;
}

/// Calls work(i) for every block index i, the blocks split into bands over up to `threads` threads.
template <class Work>
void run_blocks(std::size_t blocks, int threads, const Work& work) {
    const auto n = static_cast<std::int64_t>(blocks);
    if (n == 0) return;
    run_row_bands(n, std::clamp<std::int64_t>(threads, 1, n), [&](std::int64_t b0, std::int64_t b1) {
        for (std::int64_t b = b0; b < b1; ++b) work(static_cast<std::size_t>(b));
    });
}

}  // namespace

double divergence_limit(double first_loss, double zero_kernel_loss) {
    return divergence_factor * std::max(first_loss, zero_kernel_loss);
}

FitDiverged::FitDiverged(std::int64_t step, double loss, double limit)
    : InvalidParams("the fit diverged at step " + std::to_string(step) + ": loss " + std::to_string(loss) +
                    " is not finite or above " + std::to_string(limit)),
      step_(step),
      loss_(loss),
      limit_(limit) {}

double fit_loss(std::span<const FitExample> examples, const Kernel& kernel, std::span<double> grad, int threads) {
    check_examples(examples, kernel);
    const float scale = 2.0f / static_cast<float>(total_samples(examples));  // d(mean of e^2)/de

    // Forward pass and residuals per block of output rows; the buffers become dL/dy in place.
    std::vector<FloatPlane> out_grad;
    out_grad.reserve(examples.size());
    for (const FitExample& e : examples) out_grad.push_back(zero_plane(e.shape.out()));
    const std::vector<RowBlock> out_blocks = row_blocks(examples, [](const FitExample& e) { return e.shape.rows.out; });
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
            const float r = residual(out.values[k], e.target.values[k]);
            sum += static_cast<double>(r) * static_cast<double>(r);
            out.values[k] = r * scale;
        }
        block_sums[i] = sum;
    });
    double sum = 0.0;
    for (const double s : block_sums) sum += s;

    if (!grad.empty()) {
        // Backward pass per block of input rows; the partial gradients are added in block order.
        const std::vector<RowBlock> in_blocks = row_blocks(examples, [](const FitExample& e) { return e.shape.rows.in; });
        const std::size_t taps = grad.size();
        std::vector<double> partial(in_blocks.size() * taps, 0.0);
        run_blocks(in_blocks.size(), threads, [&](std::size_t i) {
            const RowBlock& block = in_blocks[i];
            const FitExample& e = examples[block.example];
            add_kernel_gradient_rows(e.input, out_grad[block.example], e.shape, block.rows,
                                     std::span<double>(partial).subspan(i * taps, taps));
        });
        for (std::size_t i = 0; i < in_blocks.size(); ++i)
            for (std::size_t t = 0; t < taps; ++t) grad[t] += partial[i * taps + t];
    }
    return sum / static_cast<double>(total_samples(examples));
}

double zero_kernel_loss(std::span<const FitExample> examples) {
    double sum = 0.0;
    for (const FitExample& e : examples)
        for (const float t : e.target.values) {
            const float r = residual(0.0f, t);
            sum += static_cast<double>(r) * static_cast<double>(r);
        }
    return sum / static_cast<double>(total_samples(examples));
}

FitResult fit_kernel(std::span<const FitExample> examples, const Kernel& initial, const FitSettings& settings,
                     const FitObserver& observer) {
    check_examples(examples, initial);
    if (settings.steps < 0) throw InvalidParams("steps must be >= 0, got " + std::to_string(settings.steps));
    const double lr = settings.adam.learning_rate;
    if (!(lr > 0.0) || !std::isfinite(lr)) throw InvalidParams("the learning rate must be > 0 and finite");
    if (settings.threads < 1) throw InvalidParams("threads must be >= 1, got " + std::to_string(settings.threads));

    FitResult result;
    result.kernel = initial;
    result.samples = total_samples(examples);
    for (const FitExample& e : examples)
        for (const float t : e.target.values) result.saturated_samples += (t <= 0.0f || t >= 255.0f) ? 1 : 0;
    const double zero_loss = zero_kernel_loss(examples);
    std::vector<double> params(initial.weights.begin(), initial.weights.end());
    std::vector<double> grad(params.size());
    Adam adam(params.size(), settings.adam);
    double limit = 0.0;
    auto record = [&](std::int64_t step, double loss) {
        if (step == 0 && std::isfinite(loss)) limit = divergence_limit(loss, zero_loss);
        if (!std::isfinite(loss) || loss > limit) throw FitDiverged(step, loss, limit);
        result.loss.push_back(loss);
        if (observer) observer(step, loss);
    };
    for (std::int64_t t = 0; t < settings.steps; ++t) {
        std::fill(grad.begin(), grad.end(), 0.0);
        record(t, fit_loss(examples, result.kernel, grad, settings.threads));
        adam.step(params, grad);
        for (std::size_t i = 0; i < params.size(); ++i) result.kernel.weights[i] = static_cast<float>(params[i]);
    }
    record(settings.steps, fit_loss(examples, result.kernel, {}, settings.threads));
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
