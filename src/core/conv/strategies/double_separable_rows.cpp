// DoubleSeparableRows: the filtered rows summed into one double row, one tap at a time.
#include "core/conv/strategies/double_separable_rows.hpp"

#include <algorithm>

#include "core/conv/strategies/quantise_row.hpp"

namespace tconv::core {

DoubleSeparableRows::Scratch DoubleSeparableRows::scratch() const {
    const std::size_t n = layout_->out_row_len();
    return Scratch{columns_.scratch(), FilteredRowCache<double>(cache_slots_, n), std::vector<double>(n)};
}

void DoubleSeparableRows::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    const std::size_t n = s.sums.size();
    double* __restrict sums = s.sums.data();
    // The first tap stores and the others add: the same sums as adding all of them to zeros.
    for (std::size_t k = 0; k < taps.size(); ++k) {
        const RowTap& t = taps[k];
        const double* filtered = s.filtered.row(t.input, [&](double* dst) {
            std::fill_n(dst, n, 0.0);
            columns_.add_filtered(columns_.padded_row(t.input, s.columns), split_.row.data(), dst);
        });
        const double w = t.weight;
        if (k == 0)
            for (std::size_t i = 0; i < n; ++i) sums[i] = filtered[i] * w;
        else
            for (std::size_t i = 0; i < n; ++i) sums[i] += filtered[i] * w;
    }
    quantise_row(s.sums.data(), out, n, depth_);
}

}  // namespace tconv::core
