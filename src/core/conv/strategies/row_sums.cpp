// weighted_sum of floats in AVX2 where the CPU has it (8 values per step, the terms summed in registers),
// and in portable blocks otherwise (and for doubles); both add in the same order with the same roundings,
// so they agree bit for bit.
#include "core/conv/strategies/row_sums.hpp"

#include <algorithm>
#include <array>

#include "core/conv/strategies/quantise_row.hpp"
#include "core/image/quantise.hpp"
#include "core/schedule/simd_support.hpp"

namespace tconv::core {
namespace {

/// Portable: sums in blocks, term by term so that the compiler vectorises the loops over a block.
constexpr std::size_t block_len = 256;

template <class T>
void sum_block(std::span<const WeightedRowOf<T>> terms, std::size_t at, T* block, std::size_t len) {
    const T* r0 = terms[0].row + at;
    const T w0 = terms[0].weight;
    for (std::size_t i = 0; i < len; ++i) block[i] = r0[i] * w0;
    for (std::size_t t = 1; t < terms.size(); ++t) {
        const T* r = terms[t].row + at;
        const T w = terms[t].weight;
        for (std::size_t i = 0; i < len; ++i) block[i] += r[i] * w;
    }
}

template <class T>
void weighted_sum_portable(std::span<const WeightedRowOf<T>> terms, T* dst, std::size_t n) {
    std::array<T, block_len> block;
    for (std::size_t at = 0; at < n; at += block_len) {
        const std::size_t len = std::min(block_len, n - at);
        sum_block(terms, at, block.data(), len);  // through a block, since dst may be terms[0].row
        std::copy_n(block.data(), len, dst + at);
    }
}

template <class T>
void weighted_sum_quantised_portable(std::span<const WeightedRowOf<T>> terms, std::uint8_t* dst, std::size_t n, int depth) {
    std::array<T, block_len> block;
    const std::size_t sample_bytes = depth == 16 ? 2 : 1;
    for (std::size_t at = 0; at < n; at += block_len) {
        const std::size_t len = std::min(block_len, n - at);
        sum_block(terms, at, block.data(), len);
        quantise_row(block.data(), dst + at * sample_bytes, len, depth);
    }
}

#ifdef TCONV_HAVE_X86
/// The sum at one index, term by term: the arithmetic every version follows (the AVX2 loops' tails).
float sum_at(std::span<const WeightedRow> terms, std::size_t i) {
    float acc = terms[0].row[i] * terms[0].weight;
    for (std::size_t t = 1; t < terms.size(); ++t) acc += terms[t].row[i] * terms[t].weight;
    return acc;
}

/// The terms' rows and broadcast weights, held in registers across a row when there are N of them
/// (N > 0), or read from `terms` at each step (N == 0: any count).
template <int N>
struct Terms8 {
    const float* rows[N];
    __m256 weights[N];

    __attribute__((target("avx2"))) explicit Terms8(std::span<const WeightedRow> terms) {
        for (int t = 0; t < N; ++t) {
            rows[t] = terms[static_cast<std::size_t>(t)].row;
            weights[t] = _mm256_set1_ps(terms[static_cast<std::size_t>(t)].weight);
        }
    }
    __attribute__((target("avx2"))) __m256 sum8(std::size_t i) const {
        __m256 acc = _mm256_mul_ps(_mm256_loadu_ps(rows[0] + i), weights[0]);
        for (int t = 1; t < N; ++t) acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(rows[t] + i), weights[t]));
        return acc;
    }
};

template <>
struct Terms8<0> {
    std::span<const WeightedRow> terms;

    explicit Terms8(std::span<const WeightedRow> t) : terms(t) {}
    __attribute__((target("avx2"))) __m256 sum8(std::size_t i) const {
        __m256 acc = _mm256_mul_ps(_mm256_loadu_ps(terms[0].row + i), _mm256_set1_ps(terms[0].weight));
        for (std::size_t t = 1; t < terms.size(); ++t)
            acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(terms[t].row + i), _mm256_set1_ps(terms[t].weight)));
        return acc;
    }
};

template <int N>
__attribute__((target("avx2"))) void weighted_sum_avx2(std::span<const WeightedRow> terms, float* dst, std::size_t n) {
    const Terms8<N> t(terms);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(dst + i, t.sum8(i));
    for (; i < n; ++i) dst[i] = sum_at(terms, i);
}

template <int N>
__attribute__((target("avx2"))) void weighted_sum_quantised_avx2(std::span<const WeightedRow> terms, std::uint8_t* dst,
                                                                 std::size_t n) {
    const Terms8<N> t(terms);
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) store_quantised32(dst + i, t.sum8(i), t.sum8(i + 8), t.sum8(i + 16), t.sum8(i + 24));
    for (; i < n; ++i) dst[i] = quantise(sum_at(terms, i));
}

/// The version for this many terms: the common counts (kernel taps per phase) unrolled.
template <template <int> class Pick, class... Args>
void by_term_count(std::span<const WeightedRow> terms, Args... args) {
    switch (terms.size()) {
        case 1: return Pick<1>::run(terms, args...);
        case 2: return Pick<2>::run(terms, args...);
        case 3: return Pick<3>::run(terms, args...);
        case 4: return Pick<4>::run(terms, args...);
        default: return Pick<0>::run(terms, args...);
    }
}

template <int N>
struct SumAvx2 {
    static void run(std::span<const WeightedRow> terms, float* dst, std::size_t n) { weighted_sum_avx2<N>(terms, dst, n); }
};

template <int N>
struct SumQuantisedAvx2 {
    static void run(std::span<const WeightedRow> terms, std::uint8_t* dst, std::size_t n) {
        weighted_sum_quantised_avx2<N>(terms, dst, n);
    }
};
#endif

}  // namespace

void weighted_sum(std::span<const WeightedRow> terms, float* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (use_avx2()) return by_term_count<SumAvx2>(terms, dst, n);
#endif
    weighted_sum_portable(terms, dst, n);
}

void weighted_sum(std::span<const WeightedRowOf<double>> terms, double* dst, std::size_t n) {
    weighted_sum_portable(terms, dst, n);
}

void weighted_sum_quantised(std::span<const WeightedRow> terms, std::uint8_t* dst, std::size_t n, int depth) {
#ifdef TCONV_HAVE_X86
    if (depth == 8 && use_avx2()) return by_term_count<SumQuantisedAvx2>(terms, dst, n);
#endif
    weighted_sum_quantised_portable(terms, dst, n, depth);
}

void weighted_sum_quantised(std::span<const WeightedRowOf<double>> terms, std::uint8_t* dst, std::size_t n, int depth) {
    weighted_sum_quantised_portable(terms, dst, n, depth);
}

}  // namespace tconv::core
