// quantise_doubles: four at a time in AVX2 by quantise()'s rule (exact fraction, half up), the rest and
// the portable path through quantise() itself.
#include "core/image/quantise_doubles.hpp"

#include "core/image/quantise.hpp"
#include "core/schedule/simd_support.hpp"

namespace tconv::core {
namespace {

#ifdef TCONV_HAVE_X86
__attribute__((target("avx2"))) std::size_t quantise_doubles_avx2(const double* src, std::uint8_t* dst, std::size_t n) {
    const __m256d zero = _mm256_setzero_pd(), top = _mm256_set1_pd(255.0), half = _mm256_set1_pd(0.5);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        // MAXPD returns its second operand when either is NaN: NaN becomes 0, as in quantise().
        const __m256d v = _mm256_min_pd(_mm256_max_pd(_mm256_loadu_pd(src + i), zero), top);
        const __m128i whole = _mm256_cvttpd_epi32(v);
        const __m256d up = _mm256_cmp_pd(_mm256_sub_pd(v, _mm256_cvtepi32_pd(whole)), half, _CMP_GE_OQ);
        // The mask is -1 in each 64-bit lane rounding up; its low halves, packed, line up with `whole`.
        const __m128i up32 = _mm256_castsi256_si128(
            _mm256_permutevar8x32_epi32(_mm256_castpd_si256(up), _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7)));
        const __m128i q = _mm_sub_epi32(whole, up32);
        const __m128i bytes = _mm_packus_epi16(_mm_packus_epi32(q, q), _mm_setzero_si128());
        const auto four = static_cast<std::uint32_t>(_mm_cvtsi128_si32(bytes));
        __builtin_memcpy(dst + i, &four, 4);
    }
    return i;
}
#endif

}  // namespace

void quantise_doubles(const double* src, std::uint8_t* dst, std::size_t n) {
    std::size_t i = 0;
#ifdef TCONV_HAVE_X86
    if (use_avx2()) i = quantise_doubles_avx2(src, dst, n);
#endif
    for (; i < n; ++i) dst[i] = quantise(src[i]);
}

void interleave_channels(const std::uint8_t* planes, int channels, std::int64_t width, std::uint8_t* dst) {
    for (int c = 0; c < channels; ++c) {
        const std::uint8_t* p = planes + c * width;
        for (std::int64_t x = 0; x < width; ++x) dst[x * channels + c] = p[x];
    }
}

}  // namespace tconv::core
