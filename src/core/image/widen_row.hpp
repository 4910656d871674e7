// 8-bit pixels to floats, the first step of every input row the convolution reads.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tconv::core {

/// dst[i] = float(src[i]) for i < n (AVX2 where the CPU has it).
void widen_row(const std::uint8_t* src, float* dst, std::size_t n);

}  // namespace tconv::core
