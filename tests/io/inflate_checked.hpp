// Inflating a zlib stream for the PNG writer's tests with libdeflate, an inflater that checks the
// stream's Adler-32 (stb_image does not).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include <catch2/catch.hpp>
#include <libdeflate.h>

namespace tconv::test {

/// The bytes `zlib` inflates to; REQUIREs a complete stream, a matching Adler-32 and exactly `size` bytes.
inline std::vector<std::uint8_t> inflate_checked(std::span<const std::uint8_t> zlib, std::size_t size) {
    std::vector<std::uint8_t> out(size + 1);  // one spare byte, so that a longer stream is caught
    libdeflate_decompressor* inflater = libdeflate_alloc_decompressor();
    REQUIRE(inflater != nullptr);
    std::size_t got = 0;
    const libdeflate_result result = libdeflate_zlib_decompress(inflater, zlib.data(), zlib.size(), out.data(), out.size(), &got);
    libdeflate_free_decompressor(inflater);
    REQUIRE(result == LIBDEFLATE_SUCCESS);
    REQUIRE(got == size);
    out.resize(got);
    return out;
}

}  // namespace tconv::test
