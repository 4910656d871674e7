// The transposed convolution of real-valued samples, unclamped and unrounded, with every edge mode:
// what a result is before it becomes pixels (the .npy output, premultiplied alpha's sums).
#pragma once
#include <cstdint>
#include <vector>

#include "core/conv/real_convolver.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// Real-valued samples interleaved as in Image: sample (y, x, c) is values[(y * size.w + x) * channels + c].
struct RealImage {
    Extent2 size{};
    int channels = 0;
    std::vector<double> values;
    double at(std::int64_t y, std::int64_t x, int c) const {
        return values[static_cast<std::size_t>((y * size.w + x) * channels + c)];
    }
};

/// An image's samples as reals: 0..255, or 0..65535 for a 16-bit image.
RealImage real_image(const Image& image);

/// quantise() (depth 8) or quantise16() (depth 16) of every sample: the pixels of a real-valued result.
Image quantised_image(const RealImage& real, int depth = 8);

/// Every output row of `convolver` into a whole image, in one band of rows per thread (`threads` >= 1):
/// the same sums however the rows are split.
RealImage real_sums(const RealConvolver& convolver, int threads);

/// The RealConvolver sums (RealSamples::Stored) of `in` by `kernel` cut to `shape`, as one image: the
/// transposed convolution of every channel in double, neither clamped nor rounded, with every edge mode.
RealImage transposed_conv_real(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads);

}  // namespace tconv::core
