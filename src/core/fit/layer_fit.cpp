// The layer fit: the forward pass through LayerConvolver, residuals and the bias gradient per block of
// output rows, the weight gradient (the kernel fit's, in double) per block of input rows, minimised by
// the fits' Adam loop.
#include "core/fit/layer_fit.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "core/errors.hpp"
#include "core/fit/fit_blocks.hpp"
#include "core/fit/transposed_conv_gradient.hpp"
#include "core/layer/conv_layer_check.hpp"
#include "core/layer/layer_conv.hpp"

namespace tconv::core {
namespace {

std::string size_text(Extent2 s) { return std::to_string(s.h) + "x" + std::to_string(s.w); }

void check_examples(std::span<const LayerFitExample> examples, const ConvLayer& layer) {
    if (examples.empty()) throw InvalidParams("no examples to fit");
    validate_conv_layer(layer);
    for (const LayerFitExample& e : examples) {
        const LayerPlan& p = e.plan;
        if (p.in_channels != layer.in_channels || p.out_channels != layer.out_channels || p.groups != layer.groups ||
            p.kernel != layer.kernel)
            throw InvalidParams("an example was planned for another layer");
        if (p.shape.edge != EdgeMode::Zero) throw InvalidParams("a layer fit extends the input by zeros only");
        if (e.input.channels != layer.in_channels || e.input.size != p.shape.in())
            throw InvalidParams("input is " + size_text(e.input.size) + " with " + std::to_string(e.input.channels) +
                                " channels but the plan is for " + size_text(p.shape.in()) + " with " +
                                std::to_string(layer.in_channels));
        if (e.target.channels != layer.out_channels || e.target.size != p.shape.out())
            throw InvalidParams("target is " + size_text(e.target.size) + " with " + std::to_string(e.target.channels) +
                                " channels but the layer gives " + size_text(p.shape.out()) + " with " +
                                std::to_string(layer.out_channels));
    }
}

std::int64_t total_samples(std::span<const LayerFitExample> examples) {
    std::int64_t samples = 0;
    for (const LayerFitExample& e : examples) samples += static_cast<std::int64_t>(e.target.values.size());
    return samples;
}

/// Each example's rows (`AxisShape::in` or `AxisShape::out`), the blocks' row counts.
std::vector<std::int64_t> example_rows(std::span<const LayerFitExample> examples, std::int64_t AxisShape::*rows) {
    std::vector<std::int64_t> counts;
    for (const LayerFitExample& e : examples) counts.push_back(e.plan.shape.rows.*rows);
    return counts;
}

/// dL/dy of one example, laid out as LayerConvolver hands rows over and add_weight_gradient_rows reads
/// them: [y][channel][x].
struct OutputGradient {
    std::int64_t width = 0;
    int channels = 0;
    std::vector<double> values;
};

}  // namespace

double layer_fit_loss(std::span<const LayerFitExample> examples, const ConvLayer& layer, std::span<double> weight_grad,
                      std::span<double> bias_grad, int threads) {
    check_examples(examples, layer);
    if (!weight_grad.empty() && weight_grad.size() != layer.weight.size())
        throw InvalidParams("the weight gradient has room for " + std::to_string(weight_grad.size()) + " values, not " +
                            std::to_string(layer.weight.size()));
    if (!bias_grad.empty() && bias_grad.size() != layer.bias.size())
        throw InvalidParams("the bias gradient has room for " + std::to_string(bias_grad.size()) + " values, not " +
                            std::to_string(layer.bias.size()));
    const double scale = 2.0 / static_cast<double>(total_samples(examples));  // d(mean of e^2)/de
    const auto cout = static_cast<std::size_t>(layer.out_channels);

    // Forward pass and residuals per block of output rows; dL/dy and the bias terms come with them.
    std::vector<LayerConvolver> convolvers;
    std::vector<OutputGradient> out_grads;
    for (const LayerFitExample& e : examples) {
        convolvers.emplace_back(e.input, layer, e.plan);
        const Extent2 out = e.plan.shape.out();
        out_grads.push_back({out.w, layer.out_channels, std::vector<double>(static_cast<std::size_t>(out.h * out.w) * cout)});
    }
    const std::vector<RowBlock> out_blocks = row_blocks(example_rows(examples, &AxisShape::out));
    std::vector<double> block_sums(out_blocks.size(), 0.0);
    std::vector<double> bias_partial(bias_grad.empty() ? 0 : out_blocks.size() * cout, 0.0);
    run_blocks(out_blocks.size(), threads, [&](std::size_t n) {
        const RowBlock& block = out_blocks[n];
        const LayerFitExample& e = examples[block.example];
        OutputGradient& g = out_grads[block.example];
        const auto width = static_cast<std::size_t>(g.width);
        double sum = 0.0;
        convolvers[block.example].rows(block.rows.begin, block.rows.end, [&](std::int64_t y, std::span<const double> samples) {
            for (std::size_t co = 0; co < cout; ++co) {
                double* grad_row = g.values.data() + (static_cast<std::size_t>(y) * cout + co) * width;
                const double* target = e.target.values.data() + static_cast<std::size_t>(y) * width * cout + co;
                double bias_sum = 0.0;
                for (std::size_t x = 0; x < width; ++x) {
                    const double r = saturated_residual(samples[co * width + x], target[x * cout]);
                    sum += r * r;
                    grad_row[x] = r * scale;
                    bias_sum += grad_row[x];
                }
                if (!bias_partial.empty()) bias_partial[n * cout + co] += bias_sum;
            }
        });
        block_sums[n] = sum;
    });
    double sum = 0.0;
    for (const double s : block_sums) sum += s;
    for (std::size_t n = 0; n < out_blocks.size() && !bias_partial.empty(); ++n)
        for (std::size_t co = 0; co < cout; ++co) bias_grad[co] += bias_partial[n * cout + co];

    if (!weight_grad.empty()) {
        // Backward pass per block of input rows; the partial gradients are added in block order.
        const std::vector<RowBlock> in_blocks = row_blocks(example_rows(examples, &AxisShape::in));
        add_block_partials(in_blocks.size(), threads, weight_grad, [&](std::size_t n, std::span<double> partial) {
            const RowBlock& block = in_blocks[n];
            const LayerFitExample& e = examples[block.example];
            add_weight_gradient_rows(e.input.values.data(), out_grads[block.example].values.data(), e.plan.shape,
                                     layer.in_channels, layer.out_channels, layer.groups, block.rows, partial);
        });
    }
    return sum / static_cast<double>(total_samples(examples));
}

double zero_layer_loss(std::span<const LayerFitExample> examples) {
    double sum = 0.0;
    for (const LayerFitExample& e : examples)
        for (const double t : e.target.values) {
            const double r = saturated_residual(0.0, t);
            sum += r * r;
        }
    return sum / static_cast<double>(total_samples(examples));
}

LayerFitResult fit_layer(std::span<const LayerFitExample> examples, const ConvLayer& initial, const FitSettings& settings,
                         const FitObserver& observer) {
    check_examples(examples, initial);
    LayerFitResult result;
    result.layer = initial;
    result.samples = total_samples(examples);
    for (const LayerFitExample& e : examples)
        for (const double t : e.target.values) result.saturated_samples += (t <= 0.0 || t >= 255.0) ? 1 : 0;
    // Weight and bias as one vector of parameters, the weight first, the bias in units of
    // layer_fit_bias_unit (see there).
    const std::size_t weights = initial.weight.size();
    std::vector<double> params(initial.weight);
    for (const double b : initial.bias) params.push_back(b / layer_fit_bias_unit);
    ConvLayer& layer = result.layer;
    const auto apply = [&](std::span<const double> p) {
        std::copy(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(weights), layer.weight.begin());
        for (std::size_t i = weights; i < p.size(); ++i) layer.bias[i - weights] = p[i] * layer_fit_bias_unit;
    };
    const auto loss = [&](std::span<const double> p, std::span<double> grad) {
        apply(p);
        if (grad.empty()) return layer_fit_loss(examples, layer, {}, {}, settings.threads);
        const double value = layer_fit_loss(examples, layer, grad.first(weights), grad.subspan(weights), settings.threads);
        for (double& g : grad.subspan(weights)) g *= layer_fit_bias_unit;  // d/d(bias / unit)
        return value;
    };
    Descent descent = adam_descent(params, loss, settings, zero_layer_loss(examples), observer);
    apply(params);
    result.loss = std::move(descent.loss);
    result.best_step = descent.best_step;
    return result;
}

ConvLayer zero_layer(int in_channels, int out_channels, int groups, Extent2 kernel, bool bias) {
    ConvLayer layer{in_channels, out_channels, groups, kernel, {}, {}};
    if (in_channels < 1 || out_channels < 1 || groups < 1 || in_channels % groups != 0 || out_channels % groups != 0 ||
        kernel.h < 1 || kernel.w < 1)
        throw InvalidParams("no layer has " + std::to_string(in_channels) + " -> " + std::to_string(out_channels) +
                            " channels in " + std::to_string(groups) + " groups with a " + size_text(kernel) + " kernel");
    layer.weight.assign(static_cast<std::size_t>(in_channels) * static_cast<std::size_t>(out_channels / groups) *
                            static_cast<std::size_t>(kernel.h * kernel.w),
                        0.0);
    if (bias) layer.bias.assign(static_cast<std::size_t>(out_channels), 0.0);
    return layer;
}

ConvLayer random_layer(int in_channels, int out_channels, int groups, Extent2 kernel, bool bias, std::uint64_t seed) {
    ConvLayer layer = zero_layer(in_channels, out_channels, groups, kernel, bias);
    // Mersenne Twister's output is fixed by the standard; std::uniform_real_distribution's is not.
    std::mt19937_64 engine(seed);
    const double bound = 1.0 / std::sqrt(static_cast<double>(out_channels / groups) * static_cast<double>(kernel.h * kernel.w));
    const auto draw = [&] { return (2.0 * static_cast<double>(engine() >> 11) * 0x1p-53 - 1.0) * bound; };
    for (double& w : layer.weight) w = draw();
    for (double& b : layer.bias) b = draw();
    return layer;
}

}  // namespace tconv::core
