// Strategy "fixed-point": rank-1 kernels whose factors are small dyadic fractions (ones with overlap,
// bilinear at power-of-two strides, the binomial gaussian). Scaled by powers of two, every filtered
// value and every output sum is a whole number below 2^16, so rows are filtered from the 8-bit input
// and combined in 16-bit lanes, and rounded by an add and a shift: exactly the float path's pixels.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/filtered_row_cache.hpp"
#include "core/conv/strategies/fixed_point_rows.hpp"
#include "core/kernel/rank_one.hpp"

namespace tconv::core {

class FixedPointSeparableRows {
public:
    /// The strategy for `in` under `layout` with the kernel's `split` and `cache_slots` filtered rows
    /// per thread, or nothing; `why` says which. Keeps references to `in` and `layout`.
    static std::optional<FixedPointSeparableRows> plan(const InputRows& in, const PhaseLayout& layout, const RankOneSplit& split,
                                                       std::int64_t cache_slots, std::string& why);

    struct Scratch {
        FilteredRowCache<std::uint16_t> filtered;  ///< filtered rows scaled by 2^row_shift
        std::vector<std::uint8_t> padded;          ///< one input row between its pads (zeros or edge pixels)
        std::vector<std::uint16_t> phases;         ///< every column phase, contiguous, one after another
        std::vector<FixedPointRow> row_terms;
        std::vector<FixedPointPixels> column_terms;
    };
    Scratch scratch() const;
    std::span<const float> col_factors() const { return col_factors_; }

    /// Output row y from its taps (every row of which fits the cache at once, as planned).
    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    FixedPointSeparableRows(const InputRows& in, const PhaseLayout& layout, std::vector<float> col_factors,
                            FixedPointFactors fixed, std::int64_t cache_slots)
        : in_(in), layout_(&layout), col_factors_(std::move(col_factors)), fixed_(std::move(fixed)), cache_slots_(cache_slots) {}

    /// Samples after each filtered row and each phase that the interleave's 8-byte moves may overwrite.
    static constexpr std::size_t interleave_slack = 4;
    std::size_t phase_len() const;
    void filter_row(std::int64_t input_row, Scratch& scratch, std::uint16_t* row) const;
    void interleave(const std::uint16_t* phases, std::uint16_t* row) const;

    InputRows in_;
    const PhaseLayout* layout_;
    std::vector<float> col_factors_;
    FixedPointFactors fixed_;
    std::int64_t cache_slots_;
};

}  // namespace tconv::core
