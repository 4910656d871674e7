// io/exif_entries: the Orientation tag of a TIFF-structured EXIF block (1 whenever the block does not
// hold a valid one, never a read past its end), and the in-place patches of Orientation and pixel size.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "io/metadata/exif_entries.hpp"

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

namespace {

/// A block with IFD0 at 8 (Orientation 6, then the Exif IFD pointer) and the Exif IFD at 38
/// (PixelXDimension a SHORT 5, PixelYDimension a LONG 3): the layout PIL writes, built by hand.
std::vector<std::uint8_t> block_with_exif_ifd(bool little) {
    std::vector<std::uint8_t> b;
    auto u16 = [&](std::uint32_t v) {
        b.push_back(static_cast<std::uint8_t>(little ? v : v >> 8));
        b.push_back(static_cast<std::uint8_t>(little ? v >> 8 : v));
    };
    auto u32 = [&](std::uint32_t v) { little ? (u16(v & 0xFFFF), u16(v >> 16)) : (u16(v >> 16), u16(v & 0xFFFF)); };
    b.push_back(little ? 'I' : 'M');
    b.push_back(little ? 'I' : 'M');
    u16(42);
    u32(8);
    u16(2);
    u16(0x0112), u16(3), u32(1), u16(6), u16(0);
    u16(0x8769), u16(4), u32(1), u32(38);
    u32(0);
    u16(2);
    u16(0xA002), u16(3), u32(1), u16(5), u16(0);
    u16(0xA003), u16(4), u32(1), u32(3);
    u32(0);
    return b;
}

}  // namespace

TEST_CASE("set_exif_orientation rewrites only the Orientation value in place", "[io][exif]") {
    for (const bool little : {true, false}) {
        CAPTURE(little);
        std::vector<std::uint8_t> b = block_with_exif_ifd(little);
        const std::vector<std::uint8_t> before = b;
        REQUIRE(tconv::io::exif_orientation(b) == 6);
        CHECK(tconv::io::set_exif_orientation(b, 1));
        CHECK(tconv::io::exif_orientation(b) == 1);
        std::vector<std::uint8_t> expected = before;
        expected[18] = little ? 1 : 0;  // the entry at 10, its value at 18..19
        expected[19] = little ? 0 : 1;
        CHECK(b == expected);
    }
    std::vector<std::uint8_t> other = block(true, 0x0110, 3, 1, 6);
    const std::vector<std::uint8_t> untouched = other;
    CHECK_FALSE(tconv::io::set_exif_orientation(other, 1));
    CHECK(other == untouched);
}

TEST_CASE("set_exif_pixel_size writes the output size into the Exif IFD", "[io][exif]") {
    for (const bool little : {true, false}) {
        CAPTURE(little);
        std::vector<std::uint8_t> b = block_with_exif_ifd(little);
        std::vector<std::uint8_t> expected = b;
        tconv::io::set_exif_pixel_size(b, {300, 70000});  // 300 rows, 70000 columns
        // PixelXDimension is a SHORT (entry at 40, value at 48): 70000 does not fit and is left.
        // PixelYDimension is a LONG (entry at 52, value at 60..63): 300 = 0x12C.
        if (little) {
            expected[60] = 0x2C, expected[61] = 0x01, expected[62] = 0, expected[63] = 0;
        } else {
            expected[60] = 0, expected[61] = 0, expected[62] = 0x01, expected[63] = 0x2C;
        }
        CHECK(b == expected);
        tconv::io::set_exif_pixel_size(b, {6, 10});
        CHECK(b[little ? 48 : 49] == 10);
        CHECK(b[little ? 60 : 63] == 6);
    }
}
