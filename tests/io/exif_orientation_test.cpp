// io::exif_orientation: the Orientation tag of a TIFF-structured EXIF block, 1 whenever the block
// does not hold a valid one, and never a read past the block's end.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "io/exif_orientation.hpp"

namespace {

/// A little- or big-endian block: header, IFD0 at 8 with one entry (tag, type, count, value).
std::vector<std::uint8_t> block(bool little, std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint16_t value) {
    std::vector<std::uint8_t> b;
    auto u16 = [&](std::uint32_t v) {
        if (little)
            b.insert(b.end(), {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)});
        else
            b.insert(b.end(), {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
    };
    auto u32 = [&](std::uint32_t v) { little ? (u16(v & 0xFFFF), u16(v >> 16)) : (u16(v >> 16), u16(v & 0xFFFF)); };
    b.push_back(little ? 'I' : 'M');
    b.push_back(little ? 'I' : 'M');
    u16(42);
    u32(8);
    u16(1);
    u16(tag);
    u16(type);
    u32(count);
    u16(value);
    u16(0);
    return b;
}

}  // namespace

TEST_CASE("exif_orientation reads the Orientation SHORT in either byte order", "[io][exif]") {
    for (const bool little : {true, false})
        for (std::uint16_t v = 1; v <= 8; ++v) {
            CAPTURE(little, v);
            CHECK(tconv::io::exif_orientation(block(little, 0x0112, 3, 1, v)) == v);
        }
}

TEST_CASE("exif_orientation is 1 for anything else", "[io][exif]") {
    CHECK(tconv::io::exif_orientation(block(true, 0x0112, 3, 1, 9)) == 1);                // out of range
    CHECK(tconv::io::exif_orientation(block(true, 0x0112, 4, 1, 6)) == 1);                // not a SHORT
    CHECK(tconv::io::exif_orientation(block(true, 0x0110, 3, 1, 6)) == 1);                // another tag
    CHECK(tconv::io::exif_orientation(std::vector<std::uint8_t>{'I', 'I', 42, 0}) == 1);  // cut short
}

TEST_CASE("exif_orientation stays inside a block shorter than one entry (a fuzz finding)", "[io][exif]") {
    // 10 bytes: IFD0 at 8 claims 298 entries; the entry check once wrapped around below 12 bytes.
    const std::vector<std::uint8_t> b{'I', 'I', 0x2a, 0, 8, 0, 0, 0, 0x2a, 0x01};
    CHECK(tconv::io::exif_orientation(b) == 1);
}
