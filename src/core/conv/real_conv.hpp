// The transposed convolution of real-valued samples, unclamped and unrounded, with every edge mode:
// what a result is before it becomes pixels (the .npy output, premultiplied alpha's sums).
#pragma once
#include <cstdint>
#include <vector>

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

/// Every channel of `in` convolved with `kernel`, cut to `shape`'s window: output (y, x, c) is the sum
/// over input positions (i, j) of the plane (extended beyond the input by shape.edge, the edge modes
/// of docs/semantics.md) and taps (a, b) with i*stride + a*dilation - crop_begin = y (and the same for columns)
/// of x_edge[i][j][c] * w[a][b], in double, neither clamped nor rounded. `shape` must come from
/// plan_output_shape(in.size, g) with g.kernel == kernel.size; `threads` (>= 1) split the output rows
/// into bands, each sum taken in the same order whatever the split.
RealImage transposed_conv_real(const RealImage& in, const Kernel& kernel, const OutputShape& shape, int threads);

}  // namespace tconv::core
