// Strategy "float-separable": any kernel with an exact rank-1 split. Each input row is filtered along
// the columns once (with the row factors) and kept; each output row is then the weighted sum of a few
// filtered rows (the column factors), summed and quantised in one pass.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/filtered_row_cache.hpp"
#include "core/conv/strategies/float_columns.hpp"
#include "core/conv/strategies/row_sums.hpp"
#include "core/kernel/rank_one.hpp"

namespace tconv::core {

class FloatSeparableRows {
public:
    /// Keeps references to `in` and `layout`; `cache_slots` (>= 1) filtered rows per thread.
    FloatSeparableRows(const InputRows& in, const PhaseLayout& layout, RankOneSplit split, std::int64_t cache_slots)
        : layout_(&layout), columns_(in, layout), split_(std::move(split)), cache_slots_(cache_slots) {}

    struct Scratch {
        FloatColumns::Scratch columns;
        FilteredRowCache<float> filtered;
        std::vector<float> sums;  ///< the running sum of a row whose filtered rows do not fit the cache together
        std::vector<WeightedRow> terms;
    };
    Scratch scratch() const;
    std::span<const float> col_factors() const { return split_.col; }

    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    const float* filtered_row(std::int64_t input_row, Scratch& scratch) const;

    const PhaseLayout* layout_;
    FloatColumns columns_;
    RankOneSplit split_;
    std::int64_t cache_slots_;
};

}  // namespace tconv::core
