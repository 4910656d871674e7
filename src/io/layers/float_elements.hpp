// Floating-point elements stored as bytes (binary16, bfloat16, binary32, binary64 in either byte
// order), converted exactly to double: the one decoder of stored floats that the file readers share.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace tconv::io {

/// How a stored float is encoded.
enum class FloatEncoding { binary16, bfloat16, binary32, binary64 };

/// Bytes per element of `encoding`: 2, 2, 4 or 8.
int float_bytes(FloatEncoding encoding);

/// IEEE 754 binary16 bits as a double (exact; NaN and infinities kept).
double half_to_double(std::uint16_t bits);

/// bfloat16 bits (the top half of a binary32) as a double (exact).
double bfloat16_to_double(std::uint16_t bits);

/// The bytes.size() / float_bytes(encoding) elements of `bytes` as doubles, exactly. Trailing bytes
/// that make no whole element are ignored; the caller checks the count.
std::vector<double> decode_floats(std::span<const std::uint8_t> bytes, FloatEncoding encoding, bool big_endian);

}  // namespace tconv::io
