// The real-valued transposed convolution one output row at a time: sums in double, neither clamped
// nor rounded, with every edge mode, from InputRows (a whole image or a streamed window), so that the
// .npy output and premultiplied alpha stream as the pixel strategies do. A row is double-dense's sum
// (ColumnFilter<double> over each kernel row's taps, in tap order) before its quantisation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/strategies/column_filter.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/row_stream.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// What is summed.
enum class RealSamples {
    Stored,         ///< the samples as stored: 0..255, or 0..65535 at 16 bits
    Premultiplied,  ///< --alpha premultiplied: colours times alpha in, divided by the convolved alpha out
};

/// The planned real-valued convolution of one image. Const after construction: sum_rows may be called
/// from several threads at once (each call has its own scratch).
class RealConvolver {
public:
    /// Every channel of `in` convolved with `kernel`, cut to `shape` (from plan_output_shape(in.size(),
    /// g) with g.kernel == kernel.size): output (y, x, c) is the sum over the input positions (i, j) of
    /// the plane extended by shape.edge and the taps (a, b) that reach it of x[i][j][c] * w[a][b], in
    /// double, in the order of the taps of a then b (so the same whatever rows are computed together).
    /// With RealSamples::Premultiplied, the rule of premultiplied_alpha.hpp. Keeps a reference to the
    /// rows of `in`, which must outlive this. Throws InvalidParams for Premultiplied without alpha.
    RealConvolver(const InputRows& in, const Kernel& kernel, const OutputShape& shape, RealSamples samples = RealSamples::Stored);
    RealConvolver(const RealConvolver&) = delete;  // columns_ points into layout_
    RealConvolver& operator=(const RealConvolver&) = delete;

    Extent2 out() const { return layout_.shape.out(); }
    int channels() const { return layout_.channels; }
    /// Doubles in one output row: out().w * channels().
    std::size_t row_len() const { return layout_.out_row_len(); }

    /// Computes output rows y0 .. y1-1 (0 <= y0 <= y1 <= out().h) in order and passes each to `sink`.
    void sum_rows(std::int64_t y0, std::int64_t y1, const RealRowSink& sink) const;

    /// The input rows that output rows y0 .. y1-1 read, [first, end) (input_reach).
    std::pair<std::int64_t, std::int64_t> input_rows(std::int64_t y0, std::int64_t y1) const;

private:
    PhaseLayout layout_;
    std::vector<double> weights_;
    ColumnFilter<double> columns_;
    RealSamples samples_;
    double max_;  ///< the largest sample: 255 or 65535
};

/// The rows of `sums` (`samples` doubles each) as pixels of `depth` bits, quantised as the pixel
/// strategies quantise their sums (quantise_row): what premultiplied alpha writes to an image.
RowProducer quantised_rows(RealRowProducer sums, int depth, std::size_t samples);

}  // namespace tconv::core
