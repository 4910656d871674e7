// Weighted sums of float rows, the convolution's inner loop: every output value of the separable path
// is one such sum, of a few input rows filtered along the columns (or of a few shifted copies of one
// padded input row). Fused so that each value is read, summed and stored (or quantised) in one pass.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace tconv::core {

/// One term of a weighted sum: n values from `row`, each times `weight`, in the accumulator type T
/// (float for the 8-bit strategies, double for those that hold 16-bit sums exactly).
template <class T>
struct WeightedRowOf {
    const T* row = nullptr;
    T weight = 0;
};
using WeightedRow = WeightedRowOf<float>;

/// dst[i] = terms[0].row[i] * terms[0].weight + terms[1].row[i] * terms[1].weight + ..., for i < n,
/// left to right, each product rounded to T before it is added (no fused multiply-add), so the
/// result does not depend on the CPU. terms is not empty; dst may be terms[0].row.
void weighted_sum(std::span<const WeightedRowOf<float>> terms, float* dst, std::size_t n);
void weighted_sum(std::span<const WeightedRowOf<double>> terms, double* dst, std::size_t n);

/// That same sum quantised to samples of `depth` bits (quantise_row): an output row of pixels, summed
/// and quantised in one pass.
void weighted_sum_quantised(std::span<const WeightedRowOf<float>> terms, std::uint8_t* dst, std::size_t n, int depth = 8);
void weighted_sum_quantised(std::span<const WeightedRowOf<double>> terms, std::uint8_t* dst, std::size_t n, int depth = 8);

}  // namespace tconv::core
