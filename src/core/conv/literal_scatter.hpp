// The article's algorithm written once, literally: each input pixel times the kernel, added into the
// output at stride offsets. The reference scatter, animate's partial scatter and the trained layer's
// literal twin all add their terms here, so they agree on the order of every sum.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/geometry/edge_mode.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/edge_extension.hpp"

namespace tconv::core {

/// For input pixels p = begin .. end - 1 of a shape.in() plane in row-major order (p = i * in.w + j),
/// then kernel taps (a, b) in row-major order, adds sample(i, j) * weight(a, b) (both as double) into
/// sums[(y * out.w + x) * pitch] for y = i*stride_h + a*dilation_h - crop_begin_h, x likewise, when
/// (y, x) lies in the shape's window; the terms beyond it are dropped, so output padding past the full
/// buffer keeps what `sums` held. Every output sample gets its terms in that order, however [0, in.h *
/// in.w) is cut into calls. Positions are read from the plane itself: zero edges, whatever shape.edge says.
template <class Sample, class Weight>
void scatter_pixels(const OutputShape& shape, std::int64_t begin, std::int64_t end, const Sample& sample, const Weight& weight,
                    double* sums, std::size_t pitch) {
    const AxisShape& r = shape.rows;
    const AxisShape& c = shape.cols;
    for (std::int64_t p = begin; p < end; ++p) {
        const std::int64_t i = p / c.in, j = p % c.in;
        const auto v = static_cast<double>(sample(i, j));
        for (std::int64_t a = 0; a < r.kernel; ++a) {
            const std::int64_t y = i * r.stride + a * r.dilation - r.crop_begin;
            if (y < 0 || y >= r.out) continue;
            for (std::int64_t b = 0; b < c.kernel; ++b) {
                const std::int64_t x = j * c.stride + b * c.dilation - c.crop_begin;
                if (x < 0 || x >= c.out) continue;
                sums[static_cast<std::size_t>(y * c.out + x) * pitch] += v * static_cast<double>(weight(a, b));
            }
        }
    }
}

/// The literal twins' edge modes: the input extended by shape.edge far enough that every output sample
/// sees all of its taps, then scattered with zeros beyond it, cut to the same window. `shape` is the
/// zero-edge shape of the extended input; row(i) and col(j) the input position its position reads.
struct ExtendedInput {
    OutputShape shape;
    std::int64_t ey = 0, ex = 0, in_h = 0, in_w = 0;
    EdgeMode edge = EdgeMode::Zero;
    std::int64_t row(std::int64_t i) const { return edge == EdgeMode::Zero ? i : edge_source(i - ey, in_h, edge); }
    std::int64_t col(std::int64_t j) const { return edge == EdgeMode::Zero ? j : edge_source(j - ex, in_w, edge); }
};

/// The input of `shape` extended by its edge mode (itself for zero edges).
inline ExtendedInput extend_input(const OutputShape& shape) {
    if (shape.edge == EdgeMode::Zero) return ExtendedInput{shape, 0, 0, shape.rows.in, shape.cols.in, EdgeMode::Zero};
    const std::int64_t ey = edge_reach(shape.rows), ex = edge_reach(shape.cols);
    return ExtendedInput{OutputShape{extended_axis(shape.rows, ey), extended_axis(shape.cols, ex), EdgeMode::Zero},
                         ey,
                         ex,
                         shape.rows.in,
                         shape.cols.in,
                         shape.edge};
}

/// The whole scatter of one plane over `shape` (any edge mode): scatter_pixels of every pixel of the
/// extended input, sample(i, j) called with positions of the original input.
template <class Sample, class Weight>
void scatter_plane(const OutputShape& shape, const Sample& sample, const Weight& weight, double* sums, std::size_t pitch) {
    const ExtendedInput e = extend_input(shape);
    scatter_pixels(
        e.shape, 0, e.shape.rows.in * e.shape.cols.in, [&](std::int64_t i, std::int64_t j) { return sample(e.row(i), e.col(j)); },
        weight, sums, pitch);
}

}  // namespace tconv::core
