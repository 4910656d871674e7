// Learning a trained layer (weight and bias of ConvTranspose2d) from (input, target) examples: mean
// squared error over every target sample, backpropagation through the layer, the fits' Adam loop.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/real_conv.hpp"
#include "core/fit/fit_descent.hpp"
#include "core/layer/conv_layer.hpp"
#include "core/layer/layer_plan.hpp"

namespace tconv::core {

/// One training pair: every channel of an input image and of its target, 8-bit samples as reals.
struct LayerFitExample {
    RealImage input;   ///< the layer's in_channels channels
    RealImage target;  ///< samples 0..255, the layer's out_channels channels, size plan.shape.out()
    LayerPlan plan;    ///< plan_layer(input.size, input.channels, layer, geometry), zero edge
};

/// The learned layer and its loss history.
struct LayerFitResult {
    ConvLayer layer;                     ///< the layer of loss[best_step], the lowest loss
    std::vector<double> loss;            ///< loss[t] before update t (t < steps); loss[steps] after the last
    std::int64_t best_step = 0;          ///< the first step of the lowest loss
    std::int64_t samples = 0;            ///< target samples over all examples and channels
    std::int64_t saturated_samples = 0;  ///< of those, targets at 0 or 255 (saturated_residual)
};

/// The loss of `layer` on the examples: the mean over every target sample of e^2, e the
/// saturated_residual of y = conv_layer(input) (unclamped, in double) against the target. Adds dL/dweight
/// (the layer's weight layout) into `weight_grad` and dL/dbias into `bias_grad` when they are not empty.
/// Rows are summed in blocks of fixed size added in block order, split over `threads` (>= 1): the
/// result does not depend on the thread count. Throws InvalidParams when an example does not fit the
/// layer (channels, kernel, sizes, an edge mode other than zero).
double layer_fit_loss(std::span<const LayerFitExample> examples, const ConvLayer& layer, std::span<double> weight_grad,
                      std::span<double> bias_grad, int threads = 1);

/// layer_fit_loss of all-zero parameters (the mean squared target, saturated_residual's rule applied),
/// without convolving.
double zero_layer_loss(std::span<const LayerFitExample> examples);

/// The unit in which Adam sees a layer's bias: the 8-bit sample maximum. Adam moves every parameter
/// by about its learning rate per step; a weight's step moves an output by that times a sample
/// (up to 255), so the bias, counted in samples, would move 255 times slower than any weight's
/// effect and take hundreds of steps to reach an offset of tens of levels. In this unit a bias step
/// weighs as a weight's on a bright sample does, as in a network trained on samples in 0..1.
inline constexpr double layer_fit_bias_unit = 255.0;

/// Minimises layer_fit_loss from `initial` (a valid layer; its bias, when it has one, is learned too)
/// by settings.steps Adam updates over the weight and bias / layer_fit_bias_unit as one vector, every
/// example at every step, and returns the layer of the lowest loss seen (adam_descent). Throws as layer_fit_loss and adam_descent
/// (FitDiverged when the loss diverges).
LayerFitResult fit_layer(std::span<const LayerFitExample> examples, const ConvLayer& initial, const FitSettings& settings,
                         const FitObserver& observer = {});

/// A layer of zeros (and a zero bias when `bias`).
ConvLayer zero_layer(int in_channels, int out_channels, int groups, Extent2 kernel, bool bias);

/// PyTorch's default ConvTranspose2d initialisation range: weight and bias uniform in +-1/sqrt(fan_in),
/// fan_in = out_channels/groups * kernel.h * kernel.w (torch's fan_in of a (C_in, C_out/g, kH, kW)
/// weight), drawn from a 64-bit Mersenne Twister seeded with `seed`, weight first: the same everywhere.
ConvLayer random_layer(int in_channels, int out_channels, int groups, Extent2 kernel, bool bias, std::uint64_t seed);

}  // namespace tconv::core
