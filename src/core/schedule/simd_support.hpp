// What the hand-written AVX2 row loops share: whether to run them (the binary itself is built for
// plain x86-64 and picks the AVX2 code at run time), and the quantisation of 32 sums to bytes.
#pragma once

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <cstdint>

#include "core/schedule/simd_switch.hpp"

#define TCONV_HAVE_X86 1

namespace tconv::core {

/// True when the CPU runs AVX2 code; asked once.
inline bool cpu_has_avx2() {
    static const bool avx2 = [] {
        __builtin_cpu_init();  // needed when the first call could precede libgcc's own initialisation
        return __builtin_cpu_supports("avx2") != 0;
    }();
    return avx2;
}

/// True when the AVX2 loops should run: the CPU has AVX2 and the SIMD switch is on.
inline bool use_avx2() { return simd_enabled() && cpu_has_avx2(); }

/// Eight sums to eight whole numbers by quantise()'s rule, as int32 that the unsigned-saturating packs
/// then clamp to 0..255. Min with 255 first (MINPS returns its second operand, the sum, when either is
/// NaN, so a NaN stays NaN); truncation gives INT32_MIN for NaN and for sums beyond int32 below zero,
/// which the packs saturate to 0; then 1 more where the exact fraction v - trunc(v) is at least one half.
__attribute__((target("avx2"))) inline __m256i quantise8(__m256 v) {
    v = _mm256_min_ps(_mm256_set1_ps(255.0f), v);
    const __m256i whole = _mm256_cvttps_epi32(v);
    const __m256 up = _mm256_cmp_ps(_mm256_sub_ps(v, _mm256_cvtepi32_ps(whole)), _mm256_set1_ps(0.5f), _CMP_GE_OQ);
    return _mm256_sub_epi32(whole, _mm256_castps_si256(up));  // the mask is -1 where rounding up
}

/// Quantises the 32 sums a, b, c, d (in that order) into dst[0..31].
__attribute__((target("avx2"))) inline void store_quantised32(std::uint8_t* dst, __m256 a, __m256 b, __m256 c, __m256 d) {
    // The packs work per 128-bit lane; the permute puts the four groups of 8 back in order.
    const __m256i ab = _mm256_packus_epi32(quantise8(a), quantise8(b));
    const __m256i cd = _mm256_packus_epi32(quantise8(c), quantise8(d));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst),
                        _mm256_permutevar8x32_epi32(_mm256_packus_epi16(ab, cd), _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)));
}

}  // namespace tconv::core
#endif
