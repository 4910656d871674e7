// DoubleDenseRows: one DoubleColumns::add_filtered per kernel row of the output row.
#include "core/conv/strategies/double_dense_rows.hpp"

#include <algorithm>

#include "core/conv/strategies/quantise_row.hpp"

namespace tconv::core {

void DoubleDenseRows::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    std::fill(s.sums.begin(), s.sums.end(), 0.0);
    for (const RowTap& t : taps)
        columns_.add_filtered(columns_.padded_row(t.input, s.columns), weights_.data() + t.tap * kernel_width_, s.sums.data());
    quantise_row(s.sums.data(), out, s.sums.size(), depth_);
}

}  // namespace tconv::core
