// Quantisation of a convolution sum to an 8-bit pixel: clamp to [0, 255], round half away from zero.
#pragma once
#include <cstdint>

namespace tconv::core {

/// Clamps v to [0, 255] and rounds half away from zero (NaN becomes 0). Exact for every float:
/// the fraction v - trunc(v) is computed without rounding, unlike v + 0.5f.
inline std::uint8_t quantise(float v) {
    if (!(v > 0.0f)) return 0;
    if (v >= 255.0f) return 255;
    const int i = static_cast<int>(v);
    return static_cast<std::uint8_t>(i + (v - static_cast<float>(i) >= 0.5f ? 1 : 0));
}

/// The same rule for a double sum.
inline std::uint8_t quantise(double v) {
    if (!(v > 0.0)) return 0;
    if (v >= 255.0) return 255;
    const int i = static_cast<int>(v);
    return static_cast<std::uint8_t>(i + (v - static_cast<double>(i) >= 0.5 ? 1 : 0));
}

}  // namespace tconv::core
