// quantise_row's two versions. The compiler's own vectorisation of the portable loop (clamp, round
// half away, NaN) is far slower than saturating packs and a truncation, so the hot path is written by hand.
#include "core/conv/strategies/quantise_row.hpp"

#include <algorithm>
#include <array>

#include "core/image/quantise.hpp"
#include "core/schedule/simd_support.hpp"

namespace tconv::core {

void quantise_row_portable(const float* src, std::uint8_t* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        float v = src[i];
        v = v > 0.0f ? v : 0.0f;  // also maps NaN to 0
        v = v < 255.0f ? v : 255.0f;
        const int whole = static_cast<int>(v);
        // v - whole is exact (both lie in the same unit interval), so the .5 test is exact too.
        dst[i] = static_cast<std::uint8_t>(whole + (v - static_cast<float>(whole) >= 0.5f ? 1 : 0));
    }
}

namespace {

/// quantise16 of src[0..n) into out, in plain C++.
void quantise16_row_portable(const double* src, std::uint16_t* out, std::size_t n) {
    // Branch-free, so that it vectorises; v - trunc(v) is exact, so the .5 test is too (v + 0.5 would
    // round 0.5 - 2^-54 up to 1).
    for (std::size_t i = 0; i < n; ++i) {
        double v = src[i];
        v = v > 0.0 ? v : 0.0;  // also maps NaN to 0
        v = v < 65535.0 ? v : 65535.0;
        const auto whole = static_cast<std::int32_t>(v);
        out[i] = static_cast<std::uint16_t>(whole + (v - static_cast<double>(whole) >= 0.5 ? 1 : 0));
    }
}

#ifdef TCONV_HAVE_X86
/// Four sums clamped to [0, 65535] (MAXPD returns its second operand, 0, when the sum is NaN) and
/// rounded half away from zero by the exact fraction, as int32.
__attribute__((target("avx2"))) __m128i quantise16_4(__m256d v) {
    v = _mm256_min_pd(_mm256_max_pd(v, _mm256_setzero_pd()), _mm256_set1_pd(65535.0));
    const __m256d whole = _mm256_round_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256d up =
        _mm256_and_pd(_mm256_cmp_pd(_mm256_sub_pd(v, whole), _mm256_set1_pd(0.5), _CMP_GE_OQ), _mm256_set1_pd(1.0));
    return _mm256_cvttpd_epi32(_mm256_add_pd(whole, up));
}

__attribute__((target("avx2"))) void quantise16_row_avx2(const double* src, std::uint16_t* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i packed =
            _mm_packus_epi32(quantise16_4(_mm256_loadu_pd(src + i)), quantise16_4(_mm256_loadu_pd(src + i + 4)));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), packed);
    }
    quantise16_row_portable(src + i, out + i, n - i);
}
#endif

}  // namespace

void quantise_row(const double* src, std::uint8_t* dst, std::size_t n, int depth) {
    if (depth != 16) {
        for (std::size_t i = 0; i < n; ++i) dst[i] = quantise(src[i]);
        return;
    }
    // Rows start at even offsets of a buffer from new: the samples are aligned.
    auto* out = reinterpret_cast<std::uint16_t*>(dst);
#ifdef TCONV_HAVE_X86
    if (use_avx2()) return quantise16_row_avx2(src, out, n);
#endif
    quantise16_row_portable(src, out, n);
}

void quantise_row(const float* src, std::uint8_t* dst, std::size_t n, int depth) {
    if (depth != 16) return quantise_row(src, dst, n);
    std::array<double, 64> wide;
    for (std::size_t at = 0; at < n; at += wide.size()) {
        const std::size_t len = std::min(wide.size(), n - at);
        std::copy_n(src + at, len, wide.data());
        quantise_row(wide.data(), dst + 2 * at, len, 16);
    }
}

#ifdef TCONV_HAVE_X86
namespace {

__attribute__((target("avx2"))) void quantise_row_avx2(const float* src, std::uint8_t* dst, std::size_t n) {
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32)
        store_quantised32(dst + i, _mm256_loadu_ps(src + i), _mm256_loadu_ps(src + i + 8), _mm256_loadu_ps(src + i + 16),
                          _mm256_loadu_ps(src + i + 24));
    quantise_row_portable(src + i, dst + i, n - i);
}

}  // namespace
#endif

void quantise_row(const float* src, std::uint8_t* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (use_avx2()) return quantise_row_avx2(src, dst, n);
#endif
    quantise_row_portable(src, dst, n);
}

}  // namespace tconv::core
