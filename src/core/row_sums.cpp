// weighted_sum in AVX2 where the CPU has it (8 values per step, the terms summed in registers), and in
// portable blocks otherwise; both add in the same order with the same roundings, so they agree bit for bit.
#include "core/row_sums.hpp"

#include <algorithm>
#include <array>

#include "core/quantise.hpp"
#include "core/quantise_row.hpp"
#include "core/simd_support.hpp"

namespace tconv::core {
namespace {

/// The sum at one index, term by term: the arithmetic every version follows.
float sum_at(std::span<const WeightedRow> terms, std::size_t i) {
    float acc = terms[0].row[i] * terms[0].weight;
    for (std::size_t t = 1; t < terms.size(); ++t) acc += terms[t].row[i] * terms[t].weight;
    return acc;
}

/// Portable: sums in blocks, term by term so that the compiler vectorises the loops over a block.
constexpr std::size_t block_len = 256;

void sum_block(std::span<const WeightedRow> terms, std::size_t at, float* block, std::size_t len) {
    const float* r0 = terms[0].row + at;
    const float w0 = terms[0].weight;
    for (std::size_t i = 0; i < len; ++i) block[i] = r0[i] * w0;
    for (std::size_t t = 1; t < terms.size(); ++t) {
        const float* r = terms[t].row + at;
        const float w = terms[t].weight;
        for (std::size_t i = 0; i < len; ++i) block[i] += r[i] * w;
    }
}

void weighted_sum_portable(std::span<const WeightedRow> terms, float* dst, std::size_t n) {
    std::array<float, block_len> block;
    for (std::size_t at = 0; at < n; at += block_len) {
        const std::size_t len = std::min(block_len, n - at);
        sum_block(terms, at, block.data(), len);  // through a block, since dst may be terms[0].row
        std::copy_n(block.data(), len, dst + at);
    }
}

void weighted_sum_quantised_portable(std::span<const WeightedRow> terms, std::uint8_t* dst, std::size_t n) {
    std::array<float, block_len> block;
    for (std::size_t at = 0; at < n; at += block_len) {
        const std::size_t len = std::min(block_len, n - at);
        sum_block(terms, at, block.data(), len);
        quantise_row_portable(block.data(), dst + at, len);
    }
}

#ifdef TCONV_HAVE_X86
__attribute__((target("avx2"))) __m256 sum8(std::span<const WeightedRow> terms, std::size_t i) {
    __m256 acc = _mm256_mul_ps(_mm256_loadu_ps(terms[0].row + i), _mm256_set1_ps(terms[0].weight));
    for (std::size_t t = 1; t < terms.size(); ++t)
        acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(terms[t].row + i), _mm256_set1_ps(terms[t].weight)));
    return acc;
}

__attribute__((target("avx2"))) void weighted_sum_avx2(std::span<const WeightedRow> terms, float* dst, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(dst + i, sum8(terms, i));
    for (; i < n; ++i) dst[i] = sum_at(terms, i);
}

__attribute__((target("avx2"))) void weighted_sum_quantised_avx2(std::span<const WeightedRow> terms, std::uint8_t* dst,
                                                                 std::size_t n) {
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32)
        store_quantised32(dst + i, sum8(terms, i), sum8(terms, i + 8), sum8(terms, i + 16), sum8(terms, i + 24));
    for (; i < n; ++i) dst[i] = quantise(sum_at(terms, i));
}
#endif

}  // namespace

void weighted_sum(std::span<const WeightedRow> terms, float* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (cpu_has_avx2()) return weighted_sum_avx2(terms, dst, n);
#endif
    weighted_sum_portable(terms, dst, n);
}

void weighted_sum_quantised(std::span<const WeightedRow> terms, std::uint8_t* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (cpu_has_avx2()) return weighted_sum_quantised_avx2(terms, dst, n);
#endif
    weighted_sum_quantised_portable(terms, dst, n);
}

}  // namespace tconv::core
