// 8- or 16-bit samples to floats or doubles, the first step of every input row the convolution reads.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tconv::core {

/// dst[i] = float(src[i]) for i < n (AVX2 where the CPU has it).
void widen_row(const std::uint8_t* src, float* dst, std::size_t n);

/// dst[i] = sample i of src as T, for samples of `depth` bits (16: a native-endian std::uint16_t in two
/// bytes); T is float or double, and every sample converts exactly.
template <class T>
void widen_row(const std::uint8_t* src, T* dst, std::size_t n, int depth);

}  // namespace tconv::core
