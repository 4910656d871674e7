// The header is the dict NumPy itself writes, padded with spaces so that the data starts at a multiple
// of 64 bytes (numpy.lib.format's alignment), which lets readers map the array in place.
#include "io/npy_encoder.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>

namespace tconv::io {

std::vector<std::uint8_t> encode_npy_float32(std::span<const std::int64_t> shape, std::span<const float> values) {
    if (shape.empty() || shape.size() > 8) throw std::invalid_argument("npy: 1 to 8 dimensions");
    std::uint64_t count = 1;
    std::string dims;  // "3, 4"; a 1-d shape keeps Python's comma: "3,"
    for (const std::int64_t side : shape) {
        if (side < 0) throw std::invalid_argument("npy: negative side");
        count *= static_cast<std::uint64_t>(side);
        dims += (dims.empty() ? "" : ", ") + std::to_string(side);
    }
    if (count != values.size()) throw std::invalid_argument("npy: shape and value count differ");
    if (shape.size() == 1) dims += ',';
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    const std::size_t preamble = 10;  // magic (6), version (2), header length (2)
    const std::size_t padded = (preamble + header.size() + 1 + 63) / 64 * 64;
    header.append(padded - preamble - header.size() - 1, ' ');
    header += '\n';

    std::vector<std::uint8_t> out(padded + values.size() * sizeof(float));
    const std::uint8_t magic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    std::memcpy(out.data(), magic, sizeof magic);
    out[8] = static_cast<std::uint8_t>(header.size() & 0xff);
    out[9] = static_cast<std::uint8_t>(header.size() >> 8);
    std::memcpy(out.data() + preamble, header.data(), header.size());
    std::uint8_t* data = out.data() + padded;
    if constexpr (std::endian::native == std::endian::little) {
        if (!values.empty()) std::memcpy(data, values.data(), values.size() * sizeof(float));
    } else {
        for (const float v : values) {
            const auto bits = std::bit_cast<std::uint32_t>(v);
            for (int b = 0; b < 4; ++b) *data++ = static_cast<std::uint8_t>(bits >> (8 * b));
        }
    }
    return out;
}

}  // namespace tconv::io
