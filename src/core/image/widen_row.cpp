// widen_row: for plain x86-64 the compiler widens the portable loop with SSE2 unpacks; AVX2 widens
// 8 bytes per instruction.
#include "core/image/widen_row.hpp"

#include <cstring>
#include <type_traits>

#include "core/schedule/simd_support.hpp"

namespace tconv::core {
namespace {

void widen_row_portable(const std::uint8_t* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<float>(src[i]);
}

#ifdef TCONV_HAVE_X86
__attribute__((target("avx2"))) void widen_row_avx2(const std::uint8_t* src, float* dst, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + i));
        _mm256_storeu_ps(dst + i, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes)));
    }
    widen_row_portable(src + i, dst + i, n - i);
}
#endif

}  // namespace

void widen_row(const std::uint8_t* src, float* dst, std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (use_avx2()) return widen_row_avx2(src, dst, n);
#endif
    widen_row_portable(src, dst, n);
}

template <class T>
void widen_row(const std::uint8_t* src, T* dst, std::size_t n, int depth) {
    if (depth == 16) {
        for (std::size_t i = 0; i < n; ++i) {
            std::uint16_t v = 0;
            std::memcpy(&v, src + 2 * i, 2);
            dst[i] = v;
        }
    } else if constexpr (std::is_same_v<T, float>) {
        widen_row(src, dst, n);
    } else {
        for (std::size_t i = 0; i < n; ++i) dst[i] = src[i];
    }
}

template void widen_row(const std::uint8_t*, float*, std::size_t, int);
template void widen_row(const std::uint8_t*, double*, std::size_t, int);

}  // namespace tconv::core
