// Quantisation of a whole row of float sums to 8-bit pixels, written so that the compiler vectorises it.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tconv::core {

/// dst[i] = quantise(src[i]) for i < n: clamp to [0, 255], round half away from zero, NaN to 0.
/// Branch-free so that plain -O3 turns it into SIMD code; equal to quantise(float) for every float.
inline void quantise_row(const float* src, std::uint8_t* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        float v = src[i];
        v = v > 0.0f ? v : 0.0f;  // also maps NaN to 0
        v = v < 255.0f ? v : 255.0f;
        const int whole = static_cast<int>(v);
        // v - whole is exact (both lie in the same unit interval), so the .5 test is exact too.
        dst[i] = static_cast<std::uint8_t>(whole + (v - static_cast<float>(whole) >= 0.5f ? 1 : 0));
    }
}

}  // namespace tconv::core
