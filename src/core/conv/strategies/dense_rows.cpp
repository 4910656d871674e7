// DenseRows: one ColumnFilter::filter per kernel row of the output row, added into one row of Acc.
#include "core/conv/strategies/dense_rows.hpp"

#include <algorithm>

#include "core/conv/strategies/quantise_row.hpp"

namespace tconv::core {

template <class Acc>
void DenseRows<Acc>::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    std::fill(s.sums.begin(), s.sums.end(), Acc(0));
    for (const RowTap& t : taps)
        columns_.filter(columns_.padded_row(t.input, s.columns), weights_.data() + t.tap * kernel_width_, s.sums.data(),
                        ColumnFilter<Acc>::Write::Add, s.columns);
    quantise_row(s.sums.data(), out, s.sums.size(), depth_);
}

template class DenseRows<float>;
template class DenseRows<double>;

}  // namespace tconv::core
