// The article's scatter watched as it happens: input pixels added one by one in row-major order,
// the output window readable at any point (what `tconv animate` draws, frame by frame).
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// Output rows [top, bottom) and columns [left, right); empty when top >= bottom or left >= right.
struct OutputRect {
    std::int64_t top = 0, left = 0, bottom = 0, right = 0;
    bool empty() const { return top >= bottom || left >= right; }
    friend bool operator==(const OutputRect&, const OutputRect&) = default;
};

/// The smallest rectangle holding both (either may be empty).
OutputRect bounding_rect(const OutputRect& a, const OutputRect& b);

/// n_k = floor(k * pixels / frames) for k = 0 .. frames, frames = min(max_frames, pixels): the number
/// of input pixels each frame of an animation holds, grouped as evenly as whole pixels allow (n_0 = 0,
/// the last = pixels). pixels, max_frames >= 1.
std::vector<std::int64_t> frame_pixel_counts(std::int64_t pixels, std::int64_t max_frames);

/// The partial scatter: after add_until(n), every channel of output (y, x) holds
///   sum over the first n input pixels (i, j) (row-major: i*width + j < n) and taps (a, b) with
///   i*stride_h + a*dilation_h - crop_begin_h = y, j*stride_w + b*dilation_w - crop_begin_w = x
///   of x[i][j] * w[a][b]
/// in double: the literal scatter cut to the shape's window (zero edges).
class PartialScatter {
public:
    /// `shape` must come from plan_output_shape(in.size(), g) with g.kernel == kernel.size; throws
    /// InvalidParams when its edge mode is not zero (other modes add pixels the input does not hold).
    PartialScatter(const Image& in, const Kernel& kernel, const OutputShape& shape);

    /// Adds the stamps of input pixels added() .. n - 1 (n <= in.height * in.width).
    void add_until(std::int64_t n);
    std::int64_t added() const { return added_; }

    /// The sums so far, clamped to [0, 255] and rounded half away from zero (quantise()).
    Image quantised() const;

    /// The output pixels that input pixel `index` (row-major) reaches: its stamp, clipped to the window.
    OutputRect stamp_rect(std::int64_t index) const;

private:
    Image in_;
    Kernel kernel_;
    OutputShape shape_;
    std::vector<double> sums_;
    std::int64_t added_ = 0;
};

}  // namespace tconv::core
