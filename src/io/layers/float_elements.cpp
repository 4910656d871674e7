// Stored floats to double: bit patterns assembled in either byte order, then reinterpreted (binary32,
// binary64) or decoded by their fields (binary16); every conversion here is exact.
#include "io/layers/float_elements.hpp"

#include <bit>
#include <cmath>
#include <limits>

namespace tconv::io {
namespace {

std::uint64_t element_bits(const std::uint8_t* p, int bytes, bool big_endian) {
    std::uint64_t v = 0;
    for (int b = 0; b < bytes; ++b) v |= std::uint64_t{p[big_endian ? bytes - 1 - b : b]} << (8 * b);
    return v;
}

}  // namespace

int float_bytes(FloatEncoding encoding) {
    switch (encoding) {
        case FloatEncoding::binary16:
        case FloatEncoding::bfloat16: return 2;
        case FloatEncoding::binary32: return 4;
        case FloatEncoding::binary64: return 8;
    }
    return 8;
}

double half_to_double(std::uint16_t bits) {
    const int exponent = (bits >> 10) & 31, mantissa = bits & 1023;
    double value = 0;
    if (exponent == 0)
        value = std::ldexp(static_cast<double>(mantissa), -24);
    else if (exponent == 31)
        value = mantissa != 0 ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
    else
        value = std::ldexp(static_cast<double>(mantissa + 1024), exponent - 25);
    return (bits >> 15) != 0 ? -value : value;
}

double bfloat16_to_double(std::uint16_t bits) { return std::bit_cast<float>(std::uint32_t{bits} << 16); }

std::vector<double> decode_floats(std::span<const std::uint8_t> bytes, FloatEncoding encoding, bool big_endian) {
    const int size = float_bytes(encoding);
    std::vector<double> values(bytes.size() / static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint64_t bits = element_bits(bytes.data() + i * static_cast<std::size_t>(size), size, big_endian);
        switch (encoding) {
            case FloatEncoding::binary16: values[i] = half_to_double(static_cast<std::uint16_t>(bits)); break;
            case FloatEncoding::bfloat16: values[i] = bfloat16_to_double(static_cast<std::uint16_t>(bits)); break;
            case FloatEncoding::binary32: values[i] = std::bit_cast<float>(static_cast<std::uint32_t>(bits)); break;
            case FloatEncoding::binary64: values[i] = std::bit_cast<double>(bits); break;
        }
    }
    return values;
}

}  // namespace tconv::io
