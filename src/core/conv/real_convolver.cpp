// RealConvolver: double-dense's row loop without the quantisation. Each sum starts at 0 and adds its
// terms one by one in tap order (ColumnFilter<double> adds tap by tap onto the row); it skips zero
// weights and reads the zeros of a zero edge, neither of which changes such a sum (x + 0 == x, and a
// sum that starts at +0 is never -0).
#include "core/conv/real_convolver.hpp"

#include <algorithm>

#include "core/conv/premultiplied_alpha.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/quantise_row.hpp"
#include "core/errors.hpp"

namespace tconv::core {

RealConvolver::RealConvolver(const InputRows& in, const Kernel& kernel, const OutputShape& shape, RealSamples samples)
    : layout_(shape, in.channels),
      weights_(kernel.weights),
      columns_(in, layout_),
      samples_(samples),
      max_(in.depth == 16 ? 65535.0 : 255.0) {
    if (samples == RealSamples::Premultiplied && !has_alpha(in.channels))
        throw InvalidParams("premultiplied alpha needs an image with an alpha channel");
}

void RealConvolver::sum_rows(std::int64_t y0, std::int64_t y1, const RealRowSink& sink) const {
    ColumnFilter<double>::Scratch scratch = columns_.scratch();
    std::vector<double> sums(row_len());
    std::vector<RowTap> taps, previous_taps;
    const auto width = layout_.shape.cols.out;
    const auto padded_width = static_cast<std::size_t>(layout_.padded_width);
    for (std::int64_t y = y0; y < y1; ++y) {
        row_taps(layout_.rows, y, {}, taps);
        // Rows with the same taps are the same row (upsampling by k <= stride repeats rows): `sums`
        // still holds it.
        if (y == y0 || taps != previous_taps) {
            std::fill(sums.begin(), sums.end(), 0.0);
            for (const RowTap& t : taps) {
                const bool fresh = scratch.padded_input != t.input;
                const double* padded = columns_.padded_row(t.input, scratch);
                // The pads hold edge pixels (premultiplied as the pixels they copy) or zeros (which stay 0).
                if (fresh && samples_ == RealSamples::Premultiplied)
                    premultiply(scratch.padded.data(), padded_width, layout_.channels, max_);
                columns_.filter(padded, weights_.data() + t.tap * layout_.shape.cols.kernel, sums.data(),
                                ColumnFilter<double>::Write::Add, scratch);
            }
            if (samples_ == RealSamples::Premultiplied)
                unpremultiply(sums.data(), static_cast<std::size_t>(width), layout_.channels, max_);
            std::swap(taps, previous_taps);
        }
        sink(y, sums.data());
    }
}

std::pair<std::int64_t, std::int64_t> RealConvolver::input_rows(std::int64_t y0, std::int64_t y1) const {
    return input_reach(layout_.rows, y0, y1);
}

RowProducer quantised_rows(RealRowProducer sums, int depth, std::size_t samples) {
    return [sums = std::move(sums), depth, samples](std::int64_t y0, std::int64_t y1, const RowSink& sink) {
        std::vector<std::uint8_t> pixels(samples * (depth == 16 ? 2 : 1));
        sums(y0, y1, [&](std::int64_t y, const double* row) {
            quantise_row(row, pixels.data(), samples, depth);
            sink(y, pixels.data());
        });
    };
}

}  // namespace tconv::core
