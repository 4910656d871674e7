// The input rows one output row reads: the unit the row strategies compute from, and the key by
// which a repeated row (same taps, same row) is copied instead of computed again.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/conv/axis_phases.hpp"

namespace tconv::core {

/// Input row `input` meets the kernel in one output row: with kernel row `tap` (dense), or with
/// column factor `weight` (separable, where the kernel row does not matter and is 0, so that equal
/// rows of different phases match).
struct RowTap {
    std::int64_t input = 0;
    std::int64_t tap = 0;
    float weight = 0;
    friend bool operator==(const RowTap&, const RowTap&) = default;
};

/// The taps of output row y inside the input. With `col_factors` empty: every kernel row (dense);
/// otherwise one tap per kernel row whose factor is not zero, holding the factor.
void row_taps(const AxisPhases& rows, std::int64_t y, std::span<const float> col_factors, std::vector<RowTap>& taps);

/// The input rows that output rows y0 .. y1-1 read, [first, end): empty (first == end) when they read
/// none. What a streamed input must hold before those output rows are computed.
std::pair<std::int64_t, std::int64_t> input_reach(const AxisPhases& rows, std::int64_t y0, std::int64_t y1);

/// The distance between the lowest and the highest input row of `taps` (not empty): a row cache of
/// more slots than this (slot = input mod slots) holds all of them at once.
std::int64_t input_span(std::span<const RowTap> taps);

}  // namespace tconv::core
