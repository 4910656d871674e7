// quantise_row's two versions. The compiler's own vectorisation of the portable loop (clamp, round
// half away, NaN) is far slower than saturating packs and a truncation, so the hot path is written by hand.
#include "core/quantise_row.hpp"

#include <cstring>

#include "core/quantise.hpp"
#include "core/simd_support.hpp"

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

void quantise_row(const double* src, std::uint8_t* dst, std::size_t n, int depth) {
    if (depth != 16) {
        for (std::size_t i = 0; i < n; ++i) dst[i] = quantise(src[i]);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint16_t v = quantise16(src[i]);
        std::memcpy(dst + 2 * i, &v, 2);
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
