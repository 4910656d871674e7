// Quantisation of a convolution sum to a sample: clamp to [0, 255] (8 bits) or [0, 65535] (16 bits),
// round half away from zero.
#pragma once
#include <concepts>
#include <cstdint>

namespace tconv::core {

/// Clamps v (a float or double sum) to [0, 255] and rounds half away from zero (NaN becomes 0).
/// Exact for every value: the fraction v - trunc(v) is computed without rounding, unlike v + 0.5.
template <std::floating_point T>
std::uint8_t quantise(T v) {
    if (!(v > T(0))) return 0;
    if (v >= T(255)) return 255;
    const int i = static_cast<int>(v);
    return static_cast<std::uint8_t>(i + (v - static_cast<T>(i) >= T(0.5) ? 1 : 0));
}

/// Clamps v to [0, 65535] and rounds half away from zero (NaN becomes 0), exactly as quantise().
template <std::floating_point T>
std::uint16_t quantise16(T v) {
    if (!(v > T(0))) return 0;
    if (v >= T(65535)) return 65535;
    const int i = static_cast<int>(v);
    return static_cast<std::uint16_t>(i + (v - static_cast<T>(i) >= T(0.5) ? 1 : 0));
}

}  // namespace tconv::core
