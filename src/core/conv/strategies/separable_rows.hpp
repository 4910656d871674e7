// Strategies "float-separable" (Acc float, 8-bit samples) and "double-separable" (Acc double, the
// planner's choice for 16-bit samples): any kernel with an exact rank-1 split. Each input row is
// filtered along the columns once (with the row factors) and kept; each output row is then the
// weighted sum of a few filtered rows (the column factors), summed and quantised in one pass.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/column_filter.hpp"
#include "core/conv/strategies/filtered_row_cache.hpp"
#include "core/conv/strategies/row_sums.hpp"
#include "core/kernel/rank_one.hpp"

namespace tconv::core {

template <class Acc>
class SeparableRows {
public:
    /// Keeps references to `in` and `layout`; `cache_slots` (>= 1) filtered rows per thread.
    SeparableRows(const InputRows& in, const PhaseLayout& layout, RankOneSplit split, std::int64_t cache_slots)
        : layout_(&layout),
          columns_(in, layout),
          row_factors_(split.row.begin(), split.row.end()),
          col_factors_(std::move(split.col)),
          cache_slots_(cache_slots),
          depth_(in.depth) {}

    struct Scratch {
        typename ColumnFilter<Acc>::Scratch columns;
        FilteredRowCache<Acc> filtered;
        std::vector<Acc> sums;  ///< the running sum of a row whose filtered rows do not fit the cache together
        std::vector<WeightedRowOf<Acc>> terms;
    };
    Scratch scratch() const;
    std::span<const float> col_factors() const { return col_factors_; }

    /// Output row y at the input's depth.
    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    const Acc* filtered_row(std::int64_t input_row, Scratch& scratch) const;

    const PhaseLayout* layout_;
    ColumnFilter<Acc> columns_;
    std::vector<Acc> row_factors_;
    std::vector<float> col_factors_;
    std::int64_t cache_slots_;
    int depth_;
};

extern template class SeparableRows<float>;
extern template class SeparableRows<double>;

}  // namespace tconv::core
