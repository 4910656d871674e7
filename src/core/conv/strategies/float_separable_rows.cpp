// FloatSeparableRows: one fused pass per output row when its filtered rows fit the cache together,
// else a running sum that takes them one at a time (the same additions in the same order).
#include "core/conv/strategies/float_separable_rows.hpp"

#include "core/conv/strategies/quantise_row.hpp"

namespace tconv::core {

FloatSeparableRows::Scratch FloatSeparableRows::scratch() const {
    return Scratch{columns_.scratch(), FilteredRowCache<float>(cache_slots_, layout_->out_row_len()), {}, {}};
}

const float* FloatSeparableRows::filtered_row(std::int64_t input_row, Scratch& s) const {
    return s.filtered.row(input_row, [&](float* dst) {
        columns_.filter(columns_.padded_row(input_row, s.columns), split_.row.data(), dst, FloatColumns::Write::Store, s.columns);
    });
}

void FloatSeparableRows::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    const std::size_t row_len = layout_->out_row_len();
    if (input_span(taps) < cache_slots_) {
        s.terms.clear();
        for (const RowTap& t : taps) s.terms.push_back({filtered_row(t.input, s), t.weight});
        weighted_sum_quantised(s.terms, out, row_len);
        return;
    }
    s.sums.resize(row_len);
    const WeightedRow first{filtered_row(taps.front().input, s), taps.front().weight};
    weighted_sum({&first, 1}, s.sums.data(), row_len);
    for (std::size_t t = 1; t < taps.size(); ++t) {
        const WeightedRow running[2] = {{s.sums.data(), 1.0f}, {filtered_row(taps[t].input, s), taps[t].weight}};
        weighted_sum(running, s.sums.data(), row_len);
    }
    quantise_row(s.sums.data(), out, row_len);
}

}  // namespace tconv::core
