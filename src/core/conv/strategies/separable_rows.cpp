// SeparableRows: one fused pass per output row when its filtered rows fit the cache together, else a
// running sum that takes them one at a time (the same additions in the same order).
#include "core/conv/strategies/separable_rows.hpp"

#include "core/conv/strategies/quantise_row.hpp"

namespace tconv::core {

template <class Acc>
typename SeparableRows<Acc>::Scratch SeparableRows<Acc>::scratch() const {
    return Scratch{columns_.scratch(), FilteredRowCache<Acc>(cache_slots_, layout_->out_row_len()), {}, {}};
}

template <class Acc>
const Acc* SeparableRows<Acc>::filtered_row(std::int64_t input_row, Scratch& s) const {
    return s.filtered.row(input_row, [&](Acc* dst) {
        columns_.filter(columns_.padded_row(input_row, s.columns), row_factors_.data(), dst, ColumnFilter<Acc>::Write::Store,
                        s.columns);
    });
}

template <class Acc>
void SeparableRows<Acc>::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    const std::size_t row_len = layout_->out_row_len();
    if (input_span(taps) < cache_slots_) {
        s.terms.clear();
        for (const RowTap& t : taps) s.terms.push_back({filtered_row(t.input, s), Acc(t.weight)});
        weighted_sum_quantised(s.terms, out, row_len, depth_);
        return;
    }
    s.sums.resize(row_len);
    const WeightedRowOf<Acc> first{filtered_row(taps.front().input, s), Acc(taps.front().weight)};
    weighted_sum({&first, 1}, s.sums.data(), row_len);
    for (std::size_t t = 1; t < taps.size(); ++t) {
        const WeightedRowOf<Acc> running[2] = {{s.sums.data(), Acc(1)}, {filtered_row(taps[t].input, s), Acc(taps[t].weight)}};
        weighted_sum(running, s.sums.data(), row_len);
    }
    quantise_row(s.sums.data(), out, row_len, depth_);
}

template class SeparableRows<float>;
template class SeparableRows<double>;

}  // namespace tconv::core
