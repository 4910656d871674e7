// The header is the dict NumPy itself writes, padded with spaces so that the data starts at a multiple
// of 64 bytes (numpy.lib.format's alignment), which lets readers map the array in place.
#include "io/npy/npy_encoder.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>

namespace tconv::io {

NpyFloat32File::NpyFloat32File(std::span<const std::int64_t> shape) {
    if (shape.empty() || shape.size() > 8) throw std::invalid_argument("npy: 1 to 8 dimensions");
    std::uint64_t count = 1;
    std::string dims;  // "3, 4"; a 1-d shape keeps Python's comma: "3,"
    for (const std::int64_t side : shape) {
        if (side < 0) throw std::invalid_argument("npy: negative side");
        count *= static_cast<std::uint64_t>(side);
        dims += (dims.empty() ? "" : ", ") + std::to_string(side);
    }
    if (shape.size() == 1) dims += ',';
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    const std::size_t preamble = 10;  // magic (6), version (2), header length (2)
    const std::size_t padded = (preamble + header.size() + 1 + 63) / 64 * 64;
    header.append(padded - preamble - header.size() - 1, ' ');
    header += '\n';

    count_ = static_cast<std::size_t>(count);
    data_offset_ = padded;
    bytes_.resize(padded + count_ * sizeof(float));
    const std::uint8_t magic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    std::memcpy(bytes_.data(), magic, sizeof magic);
    bytes_[8] = static_cast<std::uint8_t>(header.size() & 0xff);
    bytes_[9] = static_cast<std::uint8_t>(header.size() >> 8);
    std::memcpy(bytes_.data() + preamble, header.data(), header.size());
}

template <class T>
void NpyFloat32File::put_values(std::size_t first, std::span<const T> values) {
    if (first > count_ || values.size() > count_ - first) throw std::invalid_argument("npy: values past the array's end");
    std::uint8_t* data = bytes_.data() + data_offset_ + first * sizeof(float);
    for (const T v : values) {
        const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(v));
        if constexpr (std::endian::native == std::endian::little) {
            std::memcpy(data, &bits, sizeof bits);
        } else {
            for (int b = 0; b < 4; ++b) data[b] = static_cast<std::uint8_t>(bits >> (8 * b));
        }
        data += sizeof bits;
    }
}

void NpyFloat32File::put(std::size_t first, std::span<const double> values) { put_values(first, values); }
void NpyFloat32File::put(std::size_t first, std::span<const float> values) { put_values(first, values); }

std::vector<std::uint8_t> encode_npy_float32(std::span<const std::int64_t> shape, std::span<const float> values) {
    NpyFloat32File file(shape);
    std::uint64_t count = 1;
    for (const std::int64_t side : shape) count *= static_cast<std::uint64_t>(side);
    if (count != values.size()) throw std::invalid_argument("npy: shape and value count differ");
    file.put(0, values);
    return std::move(file).release();
}

}  // namespace tconv::io
