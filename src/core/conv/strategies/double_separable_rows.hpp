// Strategy "double-separable": a kernel with an exact rank-1 split, summed in double (the planner's
// choice for 16-bit samples). Each input row is filtered along the columns once (with the row
// factors) and kept; each output row adds a few filtered rows times the column factors, then quantises.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/double_columns.hpp"
#include "core/conv/strategies/filtered_row_cache.hpp"
#include "core/kernel/rank_one.hpp"

namespace tconv::core {

class DoubleSeparableRows {
public:
    /// Keeps references to `in` and `layout`; `cache_slots` (>= 1) filtered rows per thread.
    DoubleSeparableRows(const InputRows& in, const PhaseLayout& layout, RankOneSplit split, std::int64_t cache_slots)
        : layout_(&layout), columns_(in, layout), split_(std::move(split)), cache_slots_(cache_slots), depth_(in.depth) {}

    struct Scratch {
        DoubleColumns::Scratch columns;
        FilteredRowCache<double> filtered;
        std::vector<double> sums;  ///< the output row before quantisation
    };
    Scratch scratch() const;
    std::span<const float> col_factors() const { return split_.col; }

    /// Output row y at the input's depth.
    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    const PhaseLayout* layout_;
    DoubleColumns columns_;
    RankOneSplit split_;
    std::int64_t cache_slots_;
    int depth_;
};

}  // namespace tconv::core
