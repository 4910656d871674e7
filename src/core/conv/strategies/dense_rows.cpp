// DenseRows: one FloatColumns::filter per kernel row of the output row, added into one float row.
#include "core/conv/strategies/dense_rows.hpp"

#include <algorithm>

#include "core/conv/strategies/quantise_row.hpp"

namespace tconv::core {

void DenseRows::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    std::fill(s.sums.begin(), s.sums.end(), 0.0f);
    for (const RowTap& t : taps)
        columns_.filter(columns_.padded_row(t.input, s.columns), weights_.data() + t.tap * kernel_width_, s.sums.data(),
                        FloatColumns::Write::Add, s.columns);
    quantise_row(s.sums.data(), out, s.sums.size());
}

}  // namespace tconv::core
