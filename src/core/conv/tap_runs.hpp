// The index map shared by the float transposed convolution and its gradients: for each kernel tap
// and input row, the run of consecutive input columns that lands inside the output window.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>

#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// The inputs i of one axis that kernel tap `tap` sends inside the output window, i.e. with
/// 0 <= i*stride + tap*dilation - crop_begin < out. Empty when first >= end.
struct TapSpan {
    std::int64_t first = 0;         ///< first input index
    std::int64_t end = 0;           ///< one past the last input index
    std::int64_t first_output = 0;  ///< output index of `first`; the next inputs step by stride
};

/// The span of `tap` on axis `a` (0 <= tap < a.kernel).
inline TapSpan tap_span(const AxisShape& a, std::int64_t tap) {
    const std::int64_t shift = tap * a.dilation - a.crop_begin;  // output index of input 0
    // first: smallest i >= 0 with i*stride + shift >= 0; end: smallest i with i*stride + shift >= out.
    auto ceil_div = [](std::int64_t n, std::int64_t d) { return n <= 0 ? -(-n / d) : (n + d - 1) / d; };
    TapSpan s;
    s.first = shift >= 0 ? 0 : ceil_div(-shift, a.stride);
    s.end = std::min(a.in, std::max<std::int64_t>(0, ceil_div(a.out - shift, a.stride)));
    s.first_output = s.first * a.stride + shift;
    return s;
}

/// Rows [begin, end) of a plane.
struct RowRange {
    std::int64_t begin = 0;
    std::int64_t end = 0;
};

/// Calls f(tap_row, tap_col, input_offset, output_offset, count) once per kernel tap and input row
/// that reaches the output window: the `count` inputs at input_offset, input_offset + 1, ... (a
/// row-major plane of shape.in()) land at output_offset, output_offset + cols.stride, ... (a
/// row-major plane of shape.out()), each multiplied by the tap. Only input rows in `inputs` whose
/// output row lies in `outputs` are visited, taps in row-major order and input rows ascending within
/// each tap: every output sample sees its taps in the same order however the rows are split.
template <class F>
void for_each_tap_run(const OutputShape& shape, RowRange inputs, RowRange outputs, F&& f) {
    const AxisShape& r = shape.rows;
    const AxisShape& c = shape.cols;
    // The smallest i with i*stride + shift >= y.
    auto first_reaching = [&r](std::int64_t y, std::int64_t shift) {
        const std::int64_t n = y - shift;
        return n <= 0 ? -(-n / r.stride) : (n + r.stride - 1) / r.stride;
    };
    for (std::int64_t a = 0; a < r.kernel; ++a) {
        const TapSpan rs = tap_span(r, a);
        const std::int64_t shift = a * r.dilation - r.crop_begin;
        const std::int64_t i0 = std::max({rs.first, inputs.begin, first_reaching(outputs.begin, shift)});
        const std::int64_t i1 = std::min({rs.end, inputs.end, first_reaching(outputs.end, shift)});
        for (std::int64_t b = 0; b < c.kernel; ++b) {
            const TapSpan cs = tap_span(c, b);
            if (cs.first >= cs.end) continue;
            for (std::int64_t i = i0; i < i1; ++i) {
                const std::int64_t y = i * r.stride + shift;
                f(a, b, i * c.in + cs.first, y * c.out + cs.first_output, cs.end - cs.first);
            }
        }
    }
}

/// for_each_tap_run over every input and output row: each (input, tap, output) triple of the
/// transposed convolution is visited exactly once.
template <class F>
void for_each_tap_run(const OutputShape& shape, F&& f) {
    for_each_tap_run(shape, RowRange{0, shape.rows.in}, RowRange{0, shape.rows.out}, std::forward<F>(f));
}

}  // namespace tconv::core
