// Fixed-point output rows: mullo/add in 16-bit lanes, exact by fixed_point_factors' bounds.
#include "core/conv/strategies/fixed_point_rows.hpp"

#include <algorithm>
#include <cmath>

#include "core/schedule/simd_support.hpp"

namespace tconv::core {
namespace {

constexpr int max_shift = 15;

/// The smallest s <= max_shift with v * 2^s whole, or nothing.
std::optional<int> dyadic_shift(double v) {
    for (int s = 0; s <= max_shift; ++s) {
        const double scaled = std::ldexp(v, s);
        if (scaled == std::floor(scaled)) return s;
    }
    return std::nullopt;
}

std::optional<int> common_shift(std::span<const float> factors) {
    int shift = 0;
    for (const float f : factors) {
        if (!(f >= 0.0f)) return std::nullopt;
        const auto s = dyadic_shift(f);
        if (!s) return std::nullopt;
        shift = std::max(shift, *s);
    }
    return shift;
}

void fixed_point_row_portable(std::span<const FixedPointRow> terms, int shift, std::uint8_t* dst, std::size_t n) {
    const std::uint32_t half = shift > 0 ? std::uint32_t{1} << (shift - 1) : 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t acc = 0;
        for (const FixedPointRow& t : terms) acc += std::uint32_t{t.row[i]} * t.weight;
        dst[i] = static_cast<std::uint8_t>(std::min<std::uint32_t>((acc + half) >> shift, 255));
    }
}

void fixed_point_filter_portable(std::span<const FixedPointPixels> terms, std::uint16_t* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t acc = 0;
        for (const FixedPointPixels& t : terms) acc += std::uint32_t{t.pixels[i]} * t.weight;
        dst[i] = static_cast<std::uint16_t>(acc);
    }
}

#ifdef TCONV_HAVE_X86
template <int N>
__attribute__((target("avx2"))) void fixed_point_filter_avx2(std::span<const FixedPointPixels> terms, std::uint16_t* dst,
                                                             std::size_t n) {
    const std::uint8_t* rows[N];
    __m256i weights[N];
    for (int t = 0; t < N; ++t) {
        rows[t] = terms[static_cast<std::size_t>(t)].pixels;
        weights[t] = _mm256_set1_epi16(static_cast<short>(terms[static_cast<std::size_t>(t)].weight));
    }
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i acc = _mm256_setzero_si256();
        for (int t = 0; t < N; ++t) {
            const __m256i pixels = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[t] + i)));
            acc = _mm256_add_epi16(acc, _mm256_mullo_epi16(pixels, weights[t]));
        }
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), acc);
    }
    if (i < n) {
        FixedPointPixels tail[N];
        for (int t = 0; t < N; ++t) tail[t] = {rows[t] + i, terms[static_cast<std::size_t>(t)].weight};
        fixed_point_filter_portable({tail, static_cast<std::size_t>(N)}, dst + i, n - i);
    }
}

/// Sixteen output values at i, as 16-bit lanes holding 0..255.
template <int N>
__attribute__((target("avx2"))) inline __m256i sum16(const std::uint16_t* const* rows, const __m256i* weights, __m256i half,
                                                     __m128i count, std::size_t i) {
    __m256i acc = _mm256_mullo_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(rows[0] + i)), weights[0]);
    for (int t = 1; t < N; ++t)
        acc = _mm256_add_epi16(acc,
                               _mm256_mullo_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(rows[t] + i)), weights[t]));
    return _mm256_min_epu16(_mm256_srl_epi16(_mm256_add_epi16(acc, half), count), _mm256_set1_epi16(255));
}

template <int N>
__attribute__((target("avx2"))) void fixed_point_row_avx2(std::span<const FixedPointRow> terms, int shift, std::uint8_t* dst,
                                                          std::size_t n) {
    const std::uint16_t* rows[N];
    __m256i weights[N];
    for (int t = 0; t < N; ++t) {
        rows[t] = terms[static_cast<std::size_t>(t)].row;
        weights[t] = _mm256_set1_epi16(static_cast<short>(terms[static_cast<std::size_t>(t)].weight));
    }
    const __m256i half = _mm256_set1_epi16(static_cast<short>(shift > 0 ? 1 << (shift - 1) : 0));
    const __m128i count = _mm_cvtsi32_si128(shift);
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        // packus works per 128-bit lane: the permute restores the order of the 32 bytes.
        const __m256i bytes =
            _mm256_packus_epi16(sum16<N>(rows, weights, half, count, i), sum16<N>(rows, weights, half, count, i + 16));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_permute4x64_epi64(bytes, 0xD8));
    }
    if (i < n) {
        FixedPointRow tail[N];
        for (int t = 0; t < N; ++t) tail[t] = {rows[t] + i, terms[static_cast<std::size_t>(t)].weight};
        fixed_point_row_portable({tail, static_cast<std::size_t>(N)}, shift, dst + i, n - i);
    }
}
#endif

}  // namespace

std::optional<FixedPointFactors> fixed_point_factors(std::span<const float> col, std::span<const float> row, double max_row_sum,
                                                     double max_col_sum) {
    const auto row_shift = common_shift(row);
    const auto col_shift = common_shift(col);
    if (!row_shift || !col_shift) return std::nullopt;
    // The largest filtered value, and the largest output sum plus the rounding half, in fixed point.
    const double filtered_max = 255.0 * std::ldexp(max_row_sum, *row_shift);
    const double sum_max = filtered_max * std::ldexp(max_col_sum, *col_shift);
    const int shift = *row_shift + *col_shift;
    const double half = shift > 0 ? std::ldexp(1.0, shift - 1) : 0.0;
    if (filtered_max > 65535.0 || sum_max + half > 65535.0 || shift > 16) return std::nullopt;
    FixedPointFactors f;
    f.row_shift = *row_shift;
    f.col_shift = *col_shift;
    for (const float c : col) f.col.push_back(static_cast<std::uint16_t>(std::ldexp(static_cast<double>(c), *col_shift)));
    for (const float r : row) f.row.push_back(static_cast<std::uint16_t>(std::ldexp(static_cast<double>(r), *row_shift)));
    return f;
}

void fixed_point_row(std::span<const FixedPointRow> terms, int shift, std::uint8_t* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (use_avx2()) {
        switch (terms.size()) {
            case 1: return fixed_point_row_avx2<1>(terms, shift, dst, n);
            case 2: return fixed_point_row_avx2<2>(terms, shift, dst, n);
            case 3: return fixed_point_row_avx2<3>(terms, shift, dst, n);
            case 4: return fixed_point_row_avx2<4>(terms, shift, dst, n);
            default: break;
        }
    }
#endif
    fixed_point_row_portable(terms, shift, dst, n);
}

void fixed_point_filter(std::span<const FixedPointPixels> terms, std::uint16_t* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (use_avx2()) {
        switch (terms.size()) {
            case 1: return fixed_point_filter_avx2<1>(terms, dst, n);
            case 2: return fixed_point_filter_avx2<2>(terms, dst, n);
            case 3: return fixed_point_filter_avx2<3>(terms, dst, n);
            case 4: return fixed_point_filter_avx2<4>(terms, dst, n);
            default: break;
        }
    }
#endif
    fixed_point_filter_portable(terms, dst, n);
}

}  // namespace tconv::core
