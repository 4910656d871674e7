// Quantisation of rows of double samples to 8 bits, and channel planes interleaved into pixels: the
// last steps of a trained layer's image output.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tconv::core {

/// dst[i] = quantise(src[i]) for i < n (clamp to [0, 255], round half away from zero, NaN to 0), in
/// AVX2 where the CPU has it; every path gives quantise(double)'s value.
void quantise_doubles(const double* src, std::uint8_t* dst, std::size_t n);

/// dst[x * channels + c] = planes[c * width + x]: `channels` rows of `width` bytes into one row of pixels.
void interleave_channels(const std::uint8_t* planes, int channels, std::int64_t width, std::uint8_t* dst);

}  // namespace tconv::core
