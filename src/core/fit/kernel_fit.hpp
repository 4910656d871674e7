// Learning a kernel from (input, target) examples: mean squared error, backpropagation through the
// transposed convolution, Adam. The kernel is shared by every example, as the main job shares it.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/errors.hpp"
#include "core/fit/fit_descent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/float_plane.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// One training example: one channel of an input image and the same channel of its target.
struct FitExample {
    FloatPlane input;
    FloatPlane target;  ///< samples 0..255 (8-bit); size shape.out()
    OutputShape shape;  ///< plan_output_shape(input.size, geometry)
};

/// The learned kernel and its loss history.
struct FitResult {
    Kernel kernel;                       ///< the kernel of loss[best_step], the lowest loss
    std::vector<double> loss;            ///< loss[t] before update t (t < steps); loss[steps] after the last
    std::int64_t best_step = 0;          ///< the first step of the lowest loss
    std::int64_t samples = 0;            ///< target samples over all examples (the mean's denominator)
    std::int64_t saturated_samples = 0;  ///< of those, targets at 0 or 255 (one-sided, see fit_loss)
};

/// The loss of `kernel` on the examples: the mean over every target sample of e^2, where
/// y = transposed_conv_float(input) and e = y - target, except that a target of 0 or 255 may have
/// been clipped by quantisation and only bounds y: e = 0 when target == 0 and y < 0, or target ==
/// 255 and y > 255 (tconv would write the same pixel). Adds dL/dkernel into `grad` (row-major, kernel
/// size) when it is not empty. Rows are summed in blocks of fixed size whose partial sums are added
/// in block order, split over `threads` (>= 1): the result does not depend on the thread count.
/// Throws InvalidParams when the examples do not fit the kernel or shapes.
double fit_loss(std::span<const FitExample> examples, const Kernel& kernel, std::span<double> grad, int threads = 1);

/// fit_loss of the all-zero kernel (the mean of target^2), without convolving.
double zero_kernel_loss(std::span<const FitExample> examples);

/// Minimises fit_loss from `initial` by `settings.steps` Adam updates of the full-batch gradient
/// (every example at every step, so the history is deterministic), and returns the kernel of the
/// lowest loss seen (adam_descent). Throws InvalidParams for no
/// examples, a shape or size mismatch, steps < 0, a learning rate <= 0 or not finite; FitDiverged
/// (an InvalidParams) when a loss is not finite or exceeds divergence_limit(loss[0],
/// zero_kernel_loss(examples)).
FitResult fit_kernel(std::span<const FitExample> examples, const Kernel& initial, const FitSettings& settings,
                     const FitObserver& observer = {});

/// A kernel of zeros.
Kernel zero_kernel(Extent2 size);

/// Weights uniform in [-1/sqrt(h*w), 1/sqrt(h*w)) (PyTorch's default ConvTranspose2d range for one
/// channel per group), from a 64-bit Mersenne Twister seeded with `seed`: the same on every platform.
Kernel random_kernel(Extent2 size, std::uint64_t seed);

}  // namespace tconv::core
