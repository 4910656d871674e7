// Overlap counts of a transposed convolution: how many input pixels reach each output pixel, per
// axis and as a map, and whether the overlap is uneven (Odena, Dumoulin & Olah's checkerboard).
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// The smallest and largest number of input indices that reach one output index of an axis.
struct CountRange {
    std::int64_t min = 0;
    std::int64_t max = 0;
    friend bool operator==(const CountRange&, const CountRange&) = default;
};

/// Overlap away from the borders, which depends only on the kernel taps and the stride: an output
/// index whose full-buffer position has stride phase r is reached by the taps a (0 <= a < kernel) with
/// a*dilation % stride == r. Even when every phase gets the same count; with dilation 1 that is
/// exactly kernel % stride == 0. All arguments >= 1. In closed form, whatever the sizes.
CountRange interior_overlap(std::int64_t kernel, std::int64_t stride, std::int64_t dilation);

/// One axis of an overlap map.
struct AxisOverlap {
    std::vector<std::int64_t> counts;  ///< counts[o]: input indices i with i*stride + a*dilation == o + crop_begin
    CountRange over_output;            ///< min and max of counts
    CountRange interior;               ///< interior_overlap of the axis
};

/// The overlap counts of one planned axis (zero in the output padding past the full buffer), each in
/// closed form: the work is the output's length, whatever the input, kernel and padding.
AxisOverlap axis_overlap(const AxisShape& axis);

/// Both axes. A 2-D count is the product of the row and column counts, because each input pixel
/// (i, j) reaches (y, x) through exactly one row tap and one column tap.
struct OverlapMap {
    AxisOverlap rows;
    AxisOverlap cols;
    std::int64_t at(std::int64_t y, std::int64_t x) const {
        return rows.counts[static_cast<std::size_t>(y)] * cols.counts[static_cast<std::size_t>(x)];
    }
    /// min and max of at(y, x) over the output.
    CountRange over_output() const {
        return {rows.over_output.min * cols.over_output.min, rows.over_output.max * cols.over_output.max};
    }
};

/// The overlap map of a planned shape.
OverlapMap overlap_map(const OutputShape& shape);

}  // namespace tconv::core
