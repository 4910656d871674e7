// Quantisation of a whole row of sums to pixels: the last step of every output row, so it
// runs once per output value and is written for SIMD.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tconv::core {

/// dst[i] = quantise(src[i]) for i < n: clamp to [0, 255], round half away from zero, NaN to 0.
/// Uses AVX2 where the CPU has it (the binary itself stays plain x86-64), else quantise_row_portable;
/// both equal quantise(float) for every float.
void quantise_row(const float* src, std::uint8_t* dst, std::size_t n);

/// Double sums to samples of `depth` bits (8: one byte each, 16: a native-endian std::uint16_t in
/// two bytes at dst): quantise() or quantise16() of each, for the double strategies.
void quantise_row(const double* src, std::uint8_t* dst, std::size_t n, int depth);

/// Float sums to samples of `depth` bits: quantise_row above for 8, each widened to double for 16.
void quantise_row(const float* src, std::uint8_t* dst, std::size_t n, int depth);

/// The same, in plain C++ (the fallback; also what the tests compare the SIMD code with).
void quantise_row_portable(const float* src, std::uint8_t* dst, std::size_t n);

}  // namespace tconv::core
