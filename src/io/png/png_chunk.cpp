// PNG chunk framing; the CRC is libdeflate's.
#include "io/png/png_chunk.hpp"

#include <array>
#include <cstring>

#include <libdeflate.h>

namespace tconv::io {

// By resize + memcpy: GCC 12 warns falsely on vector::insert of a range here.
void put_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size) {
    const std::size_t at = out.size();
    out.resize(at + size);
    if (size > 0) std::memcpy(out.data() + at, data, size);
}

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    const std::array<std::uint8_t, 4> big_endian{static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                                                 static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    put_bytes(out, big_endian.data(), 4);
}

void put_chunk(std::vector<std::uint8_t>& out, const char* type, const std::uint8_t* data, std::size_t size) {
    put_u32(out, static_cast<std::uint32_t>(size));
    const std::size_t start = out.size();
    put_bytes(out, type, 4);
    put_bytes(out, data, size);
    put_u32(out, libdeflate_crc32(0, out.data() + start, size + 4));
}

}  // namespace tconv::io
