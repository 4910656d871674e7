// Writing PNG chunks (length, type, data, CRC-32), shared by the PNG and APNG encoders.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tconv::io {

/// Appends `size` bytes from `data` (which may be null when size is 0).
void put_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size);

/// Appends v as 4 bytes, big-endian (PNG's byte order).
void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v);

/// Appends one chunk: the data's length, the 4-letter `type`, the data, and the CRC-32 of type and data.
void put_chunk(std::vector<std::uint8_t>& out, const char* type, const std::uint8_t* data, std::size_t size);

}  // namespace tconv::io
