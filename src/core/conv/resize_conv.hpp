// Resize-convolution (Odena, Dumoulin & Olah, Distill 2016, "Deconvolution and Checkerboard
// Artifacts"): nearest-neighbour upsampling by the stride, then an ordinary convolution, sized to
// match a transposed convolution so the two can be set side by side.
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"
#include "core/kernel/phase_gains.hpp"

namespace tconv::core {

/// One axis of a resize-convolution: the upsampled length and the zeros added before and after it
/// (negative: that many entries dropped) so that the convolution's output has length `out`.
struct ResizeConvAxis {
    std::int64_t in = 0;
    std::int64_t stride = 1;
    std::int64_t kernel = 1;
    std::int64_t dilation = 1;
    std::int64_t upsampled = 0;  ///< in * stride
    std::int64_t pad_begin = 0;  ///< floor(P / 2), P = out - upsampled + dilation*(kernel-1)
    std::int64_t pad_end = 0;    ///< P - pad_begin
    std::int64_t out = 0;        ///< the transposed convolution's output length
    friend bool operator==(const ResizeConvAxis&, const ResizeConvAxis&) = default;
};

struct ResizeConvShape {
    ResizeConvAxis rows;
    ResizeConvAxis cols;
    Extent2 out() const { return {rows.out, cols.out}; }
};

/// The resize-convolution with the kernel, stride and dilation of `shape` and its output size.
ResizeConvShape plan_resize_conv(const OutputShape& shape);

/// Throws InvalidParams when the kernel's weights sum to 0: no scale of it keeps the brightness.
void require_brightness_scale(const Kernel& kernel);

/// The sums before quantisation, row-major with interleaved channels like Image, in double. Per axis,
/// with u[t] = x[t / stride] for 0 <= t < upsampled (nearest neighbour, PyTorch
/// F.interpolate(mode='nearest') by an integer factor) and 0 elsewhere, and v = w / sum(w), the kernel
/// normalised so that a flat image keeps its brightness:
///   y[o] = sum over taps a of v[a] * u[o + a*dilation - pad_begin]   (0 <= o < out)
/// which is F.conv2d (a cross-correlation, no flip) of the upsampled image zero-padded by
/// (pad_begin, pad_end), each channel on its own. `kernel` is the unnormalised kernel; throws as
/// require_brightness_scale.
std::vector<double> resize_conv_sums(const Image& in, const Kernel& kernel, const ResizeConvShape& shape);

/// resize_conv_sums quantised (clamped to [0, 255], rounded half away from zero).
Image resize_conv(const Image& in, const Kernel& kernel, const ResizeConvShape& shape);

/// The phase gains of a resize-convolution (stride.h rows of stride.w): a flat image stays flat
/// through nearest-neighbour upsampling and the normalised kernel sums to 1, so every phase is 1.
PhaseGainTable resize_conv_gain_table(Extent2 stride);

/// The summary of resize_conv_gain_table: min = max = mean = 1, score 1.
GainSummary resize_conv_gain_summary(Extent2 stride);

}  // namespace tconv::core
