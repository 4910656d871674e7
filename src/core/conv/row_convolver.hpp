// The fast transposed convolution, one output row at a time: planned once per image (conv_plan), then
// each band of rows runs the chosen strategy's row loop, copying repeated rows, and hands the rows
// (at the input's depth) to a sink or writes them in place, so callers can stream rows with no full-size image.
#pragma once
#include <cstdint>

#include "core/conv/conv_plan.hpp"
#include <utility>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/row_stream.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// The planned convolution of one image. Const after construction: convolve_rows may be called from
/// several threads at once (each call has its own scratch).
class RowConvolver {
public:
    /// Plans the convolution of `in` by `kernel` cut to `shape` (from plan_output_shape(in.size(), g)
    /// with g.kernel == kernel.size). Keeps references to the rows of `in` and to `kernel`: both must
    /// outlive this. Throws InvalidParams when `schedule` forces a strategy that does not apply.
    RowConvolver(const InputRows& in, const Kernel& kernel, const OutputShape& shape, const ConvSchedule& schedule = {});
    RowConvolver(const RowConvolver&) = delete;  // the strategy points into layout_
    RowConvolver& operator=(const RowConvolver&) = delete;

    Extent2 out() const { return layout_.shape.out(); }
    int channels() const { return layout_.channels; }
    const ConvPlan& plan() const { return planned_.plan; }
    /// Bits per output sample, the input's: 8, or 16 with native-endian std::uint16_t samples.
    int depth() const { return planned_.plan.depth; }
    /// Bytes of one output row: out().w * channels() samples of depth() bits.
    std::size_t row_bytes() const { return row_bytes_; }

    /// Computes output rows y0 .. y1-1 (0 <= y0 <= y1 <= out().h) in order and passes each to `sink`.
    void convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) const;

    /// The input rows that output rows y0 .. y1-1 read, [first, end): empty (first == end) when they
    /// read none. The output rows of a streamed input can be computed once the window holds these.
    std::pair<std::int64_t, std::int64_t> input_rows(std::int64_t y0, std::int64_t y1) const;

    /// The same rows written in place: row y at pixels + y * row_bytes().
    void convolve_rows_into(std::int64_t y0, std::int64_t y1, std::uint8_t* pixels) const;

private:
    template <class Target>
    void run_rows(std::int64_t y0, std::int64_t y1, Target& target) const;

    PhaseLayout layout_;
    PlannedRows planned_;
    std::size_t row_bytes_;
};

}  // namespace tconv::core
