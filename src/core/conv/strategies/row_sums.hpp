// Weighted sums of float rows, the convolution's inner loop: every output value of the separable path
// is one such sum, of a few input rows filtered along the columns (or of a few shifted copies of one
// padded input row). Fused so that each value is read, summed and stored (or quantised) in one pass.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace tconv::core {

/// One term of a weighted sum: n floats from `row`, each times `weight`.
struct WeightedRow {
    const float* row = nullptr;
    float weight = 0;
};

/// dst[i] = terms[0].row[i] * terms[0].weight + terms[1].row[i] * terms[1].weight + ..., for i < n,
/// left to right, each product rounded to float before it is added (no fused multiply-add), so the
/// result does not depend on the CPU. terms is not empty; dst may be terms[0].row.
void weighted_sum(std::span<const WeightedRow> terms, float* dst, std::size_t n);

/// dst[i] = quantise_row of that same sum: the output row in 8-bit pixels.
void weighted_sum_quantised(std::span<const WeightedRow> terms, std::uint8_t* dst, std::size_t n);

}  // namespace tconv::core
