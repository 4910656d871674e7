// The exact integer form of the separable path, for kernels whose factors are small dyadic fractions
// (ones, bilinear with a power-of-two stride, the binomial gaussian): scaled by powers of two, every
// filtered row and every output sum is a whole number below 2^16, so the output rows are computed in
// 16-bit lanes (16 values per AVX2 step instead of 8) and rounded by an add and a shift, giving
// exactly the pixels of the float path.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tconv::core {

/// Column factors col[a] = C[a] / 2^col_shift and row factors row[b] = R[b] / 2^row_shift, with
/// whole C, R >= 0, such that no 16-bit sum can overflow (see fixed_point_factors).
struct FixedPointFactors {
    int row_shift = 0;
    int col_shift = 0;
    std::vector<std::uint16_t> col;  ///< C[a]
    std::vector<std::uint16_t> row;  ///< R[b]
};

/// The fixed-point form of factors `col` and `row`, or nothing if some factor is negative or not a
/// multiple of 2^-15, or if a sum could reach 2^16: `max_row_sum` is the largest sum of row factors
/// one filtered value adds (per column phase), `max_col_sum` the same for the column factors one
/// output row adds (per row phase).
std::optional<FixedPointFactors> fixed_point_factors(std::span<const float> col, std::span<const float> row, double max_row_sum,
                                                     double max_col_sum);

/// One term of an output row in fixed point: a filtered row (scaled by 2^row_shift) and its C.
struct FixedPointRow {
    const std::uint16_t* row = nullptr;
    std::uint16_t weight = 0;
};

/// dst[i] = min(255, (sum of row[i] * weight + half) >> shift), half = 2^(shift-1) (0 if shift is 0):
/// round half up, which is quantise()'s rule for these non-negative sums. The caller guarantees the
/// sum plus half stays below 2^16. AVX2 where the CPU has it.
void fixed_point_row(std::span<const FixedPointRow> terms, int shift, std::uint8_t* dst, std::size_t n);

/// One term of a filtered row in fixed point: 8-bit input pixels (shifted to the tap) and R.
struct FixedPointPixels {
    const std::uint8_t* pixels = nullptr;
    std::uint16_t weight = 0;
};

/// dst[i] = sum of pixels[i] * weight: the input row filtered along the columns, scaled by
/// 2^row_shift. The caller guarantees the sum stays below 2^16. AVX2 where the CPU has it.
void fixed_point_filter(std::span<const FixedPointPixels> terms, std::uint16_t* dst, std::size_t n);

}  // namespace tconv::core
