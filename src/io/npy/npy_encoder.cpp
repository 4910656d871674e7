// The header is the dict NumPy itself writes, padded with spaces so that the data starts at a multiple
// of 64 bytes (numpy.lib.format's alignment), which lets readers map the array in place.
#include "io/npy/npy_encoder.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/image/pixel_allocator.hpp"
#include "core/schedule/ordered_tasks.hpp"

namespace tconv::io {

std::vector<std::uint8_t> npy_float32_header(std::span<const std::int64_t> shape) {
    if (shape.empty() || shape.size() > 8) throw std::invalid_argument("npy: 1 to 8 dimensions");
    std::string dims;  // "3, 4"; a 1-d shape keeps Python's comma: "3,"
    for (const std::int64_t side : shape) {
        if (side < 0) throw std::invalid_argument("npy: negative side");
        dims += (dims.empty() ? "" : ", ") + std::to_string(side);
    }
    if (shape.size() == 1) dims += ',';
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    const std::size_t preamble = 10;  // magic (6), version (2), header length (2)
    const std::size_t padded = (preamble + header.size() + 1 + 63) / 64 * 64;
    header.append(padded - preamble - header.size() - 1, ' ');
    header += '\n';

    std::vector<std::uint8_t> bytes(padded);
    const std::uint8_t magic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    std::memcpy(bytes.data(), magic, sizeof magic);
    bytes[8] = static_cast<std::uint8_t>(header.size() & 0xff);
    bytes[9] = static_cast<std::uint8_t>(header.size() >> 8);
    std::memcpy(bytes.data() + preamble, header.data(), header.size());
    return bytes;
}

NpyFloat32File::NpyFloat32File(std::span<const std::int64_t> shape) : bytes_(npy_float32_header(shape)) {
    std::uint64_t count = 1;
    for (const std::int64_t side : shape) count *= static_cast<std::uint64_t>(side);
    count_ = static_cast<std::size_t>(count);
    data_offset_ = bytes_.size();
    bytes_.resize(data_offset_ + count_ * sizeof(float));
}

namespace {

/// `values` rounded to float32, little-endian, at `data`.
template <class T>
void put_float32(std::span<const T> values, std::uint8_t* data) {
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

}  // namespace

template <class T>
void NpyFloat32File::put_values(std::size_t first, std::span<const T> values) {
    if (first > count_ || values.size() > count_ - first) throw std::invalid_argument("npy: values past the array's end");
    put_float32(values, bytes_.data() + data_offset_ + first * sizeof(float));
}

void NpyFloat32File::put(std::size_t first, std::span<const double> values) { put_values(first, values); }
void NpyFloat32File::put(std::size_t first, std::span<const float> values) { put_values(first, values); }

void encode_npy_rows(core::Extent2 size, int channels, const core::RealRowProducer& rows, int threads, ByteSink& sink) {
    const std::int64_t shape[] = {size.h, size.w, channels};
    sink.write(npy_float32_header(shape));
    const auto row_len = static_cast<std::size_t>(size.w * channels);
    const std::size_t row_bytes = row_len * sizeof(float);
    const std::int64_t block = core::rows_per_block(std::max<std::size_t>(row_bytes, 1));
    core::run_in_order((size.h + block - 1) / block, threads, 2 * std::int64_t{threads},
                       [&] {
                           return [&](std::int64_t b) {
                               const std::int64_t y0 = b * block, y1 = std::min(size.h, y0 + block);
                               core::PixelBytes bytes(static_cast<std::size_t>(y1 - y0) * row_bytes);
                               rows(y0, y1, [&](std::int64_t y, const double* row) {
                                   put_float32(std::span(row, row_len),
                                               bytes.data() + static_cast<std::size_t>(y - y0) * row_bytes);
                               });
                               return bytes;
                           };
                       },
                       [&](std::int64_t, core::PixelBytes&& bytes) { sink.write(std::move(bytes)); });
}

std::vector<std::uint8_t> encode_npy_float32(std::span<const std::int64_t> shape, std::span<const float> values) {
    NpyFloat32File file(shape);
    std::uint64_t count = 1;
    for (const std::int64_t side : shape) count *= static_cast<std::uint64_t>(side);
    if (count != values.size()) throw std::invalid_argument("npy: shape and value count differ");
    file.put(0, values);
    return std::move(file).release();
}

}  // namespace tconv::io
