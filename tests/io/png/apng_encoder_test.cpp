// The APNG writer: chunk order, sequence numbers, frame control fields and CRCs read back by hand,
// and every frame's zlib stream inflated to its filtered rows.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include <libdeflate.h>

#include "io/io_error.hpp"
#include "io/png/apng_encoder.hpp"

using namespace tconv;

namespace {

std::uint32_t u32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
}

struct Chunk {
    std::string type;
    std::vector<std::uint8_t> data;
};

std::vector<Chunk> chunks(const std::vector<std::uint8_t>& png) {
    REQUIRE(png.size() > 8);
    CHECK(std::memcmp(png.data(), "\x89PNG\r\n\x1a\n", 8) == 0);
    std::vector<Chunk> out;
    for (std::size_t at = 8; at + 12 <= png.size();) {
        const std::uint32_t n = u32(png.data() + at);
        REQUIRE(at + 12 + n <= png.size());
        CHECK(u32(png.data() + at + 8 + n) == libdeflate_crc32(0, png.data() + at + 4, n + 4));
        out.push_back({std::string(reinterpret_cast<const char*>(png.data() + at + 4), 4),
                       std::vector<std::uint8_t>(png.begin() + static_cast<std::ptrdiff_t>(at + 8),
                                                 png.begin() + static_cast<std::ptrdiff_t>(at + 8 + n))});
        at += 12 + n;
    }
    return out;
}

core::Image grey(std::uint8_t v) {
    core::Image img = core::blank_image({2, 3}, 1);
    for (auto& p : img.pixels) p = v;
    return img;
}

}  // namespace

TEST_CASE("apng: acTL, then fcTL + IDAT, fcTL + fdAT ..., sequence numbers from 0", "[io][apng]") {
    // Level 0 stores the rows unfiltered, so each frame's data can be read back byte for byte.
    const std::vector<std::uint8_t> png = io::encode_apng(
        3, [](std::int64_t k) { return grey(static_cast<std::uint8_t>(k * 100)); }, 40, io::PngOptions{0});
    const std::vector<Chunk> c = chunks(png);
    std::vector<std::string> types;
    for (const Chunk& x : c) types.push_back(x.type);
    CHECK(types == std::vector<std::string>{"IHDR", "acTL", "fcTL", "IDAT", "fcTL", "fdAT", "fcTL", "fdAT", "IEND"});
    CHECK(u32(c[1].data.data()) == 3);      // frames
    CHECK(u32(c[1].data.data() + 4) == 0);  // loops forever
    std::uint32_t sequence = 0;
    for (std::size_t i : {2u, 4u, 5u, 6u, 7u}) CHECK(u32(c[i].data.data()) == sequence++);
    const std::vector<std::uint8_t>& fctl = c[4].data;
    REQUIRE(fctl.size() == 26);
    CHECK(u32(fctl.data() + 4) == 3);  // width
    CHECK(u32(fctl.data() + 8) == 2);  // height
    CHECK((u32(fctl.data() + 12) == 0 && u32(fctl.data() + 16) == 0));
    CHECK((fctl[20] == 0 && fctl[21] == 40 && fctl[22] == 0x03 && fctl[23] == 0xe8));  // 40/1000 s
    CHECK((fctl[24] == 0 && fctl[25] == 0));                                           // dispose none, blend source
    // Frame 2's data: rows of filter byte 0 (none) and three samples of 200.
    std::vector<std::uint8_t> rows(8);
    std::size_t got = 0;
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    REQUIRE(libdeflate_zlib_decompress(d, c[7].data.data() + 4, c[7].data.size() - 4, rows.data(), rows.size(), &got) ==
            LIBDEFLATE_SUCCESS);
    libdeflate_free_decompressor(d);
    REQUIRE(got == 8);
    CHECK(rows == std::vector<std::uint8_t>{0, 200, 200, 200, 0, 200, 200, 200});
}

TEST_CASE("apng: frames of another size are refused", "[io][apng]") {
    CHECK_THROWS_AS(io::encode_apng(
                        2,
                        [](std::int64_t k) {
                            return k == 0 ? grey(1) : core::blank_image({3, 3}, 1);
                        },
                        10),
                    io::IoError);
    CHECK_THROWS_AS(io::encode_apng(
                        0, [](std::int64_t) { return grey(1); }, 10),
                    io::IoError);
}
