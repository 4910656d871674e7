// Hostile inputs to io::decode_image: headers at and past stb's limits, zero sizes, and the inputs
// fuzz_image found that made stb 2.27 misbehave (each is refused with a clean IoError).
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <libdeflate.h>

#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/png/png_encoder.hpp"

namespace {

using tconv::io::decode_image;
using tconv::io::IoError;
using tconv::io::LoadLimits;
using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

void put32(Bytes& b, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<std::uint8_t>(v >> shift));
}

/// The start of a PNG that claims w x h (8-bit grey) and holds no pixel data: enough for a header
/// check. The IHDR's CRC is right, since every CRC is checked.
Bytes png_header(std::uint32_t w, std::uint32_t h) {
    Bytes out{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    put32(out, 13);
    out.insert(out.end(), {'I', 'H', 'D', 'R'});
    put32(out, w);
    put32(out, h);
    out.insert(out.end(), {8, 0, 0, 0, 0});
    put32(out, libdeflate_crc32(0, out.data() + 12, 17));
    return out;
}

/// A real all-zero grey PNG, encoded by tconv's own encoder.
Bytes zero_png(std::int64_t h, std::int64_t w) { return tconv::io::encode_png(tconv::core::blank_image({h, w}, 1)); }

std::string error_of(const Bytes& bytes, const LoadLimits& limits = {}) {
    try {
        decode_image(bytes, "in.img", limits);
    } catch (const IoError& e) {
        CHECK(e.file() == "in.img");
        return e.what();
    }
    return "(decoded)";
}

Bytes fixture(const char* name) {
    std::ifstream in(std::string(TCONV_TEST_DATA) + "/fixtures/" + name, std::ios::binary);
    REQUIRE(in);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("harden: a header over the pixel cap is refused before any pixel is decoded", "[io][harden]") {
    // 2^24 x 2^24 and 2^24 + 1 wide: only tconv's cap stands between the claim and an allocation.
    CHECK(error_of(png_header(1u << 24, 1u << 24)) ==
          "image is 16777216x16777216 = 281474976710656 pixels, over the limit of 268435456 (--max-pixels)");
    CHECK(error_of(png_header((1u << 24) + 1, 1), LoadLimits{1 << 24}) ==
          "image is 1x16777217 = 16777217 pixels, over the limit of 16777216 (--max-pixels)");
    // Past PNG's 2^31 - 1 per axis: an invalid header.
    CHECK_THAT(error_of(png_header(0x80000000u, 1)), Catch::StartsWith("not a readable image ("));
    // Within stb's limits and over tconv's cap: the header alone is enough to say so.
    CHECK(error_of(png_header(20000, 15000)) ==
          "image is 15000x20000 = 300000000 pixels, over the limit of 268435456 (--max-pixels)");
    // A real 64x64 image, one pixel over a cap of 4095: the message names the size and the option.
    CHECK(error_of(zero_png(64, 64), LoadLimits{4095}) == "image is 64x64 = 4096 pixels, over the limit of 4095 (--max-pixels)");
    CHECK(error_of(zero_png(64, 64), LoadLimits{4096}) == "(decoded)");
}

TEST_CASE("harden: zero-sized and empty images are refused", "[io][harden]") {
    CHECK_THAT(error_of(png_header(0, 5)), Catch::Contains("not a readable image"));
    CHECK_THAT(error_of(png_header(5, 0)), Catch::Contains("not a readable image"));
    CHECK(error_of({}) == "file is empty");
    CHECK(error_of(bytes_of("P5\n0 0\n255\n")) == "image has no pixels");
}

TEST_CASE("harden: a decompression bomb is refused from its header", "[io][harden]") {
    // 4000x4000 grey, all zero: 16 MB of pixels in a small PNG. Under a cap of 1M pixels the header
    // alone refuses it; at the cap's edge the same file decodes completely.
    const Bytes bomb = zero_png(4000, 4000);
    REQUIRE(bomb.size() < 16'000'000 / 100);
    CHECK_THAT(error_of(bomb, LoadLimits{1'000'000}), Catch::Contains("16000000 pixels, over the limit"));
    const auto loaded = decode_image(bomb, "bomb.png", LoadLimits{16'000'000});
    CHECK(loaded.image.pixels.size() == 16'000'000u);
}

TEST_CASE("harden: regression: PNM header numbers that overflow stb's int parser", "[io][harden][fuzz]") {
    // fuzz_image: "P6\n" and 70 digits made stb 2.27 overflow a signed int (undefined behaviour).
    CHECK(error_of(bytes_of("P6\n" + std::string(70, '2') + std::string("\0\0\0\0", 4))) ==
          "not a readable image (PNM header number is too large)");
    CHECK(error_of(bytes_of("P5 # comment\n3 99999999999\n255\n")) == "not a readable image (PNM header number is too large)");
    CHECK(error_of(bytes_of("P6\n2 1 99999999999\n")) == "not a readable image (PNM header number is too large)");
    // fuzz_image: a comment right after the magic, then an overflowing width.
    CHECK(error_of(bytes_of("P6#\xC2\x99\n 16555555555555555555\n")) == "not a readable image (PNM header number is too large)");
    // Ordinary PNMs, with comments and the largest 16-bit max value, still decode.
    const auto pgm = decode_image(bytes_of("P5\n# two by one\n2 1\n255\n\x10\x20"), "ok.pgm", {});
    CHECK(pgm.image.size() == tconv::core::Extent2{1, 2});
    CHECK(pgm.image.pixels == tconv::core::PixelBytes{0x10, 0x20});
    CHECK(decode_image(fixture("grey.pgm"), "grey.pgm", {}).image.channels == 1);
}

TEST_CASE("harden: regression: JPEG Huffman tables of more than 256 codes", "[io][harden][fuzz]") {
    // fuzz_image: a DHT whose 16 counts sum past 256 made stb 2.27 write past its tables; libjpeg
    // refuses it, wherever it sits.
    const std::string reason = "not a readable image (Bogus Huffman table definition)";
    const std::string counts(16, '\x11');  // 16 * 17 = 272 codes
    const std::string dht = std::string("\xFF\xC4\x01\x13\x00", 5) + counts;
    CHECK(error_of(bytes_of("\xFF\xD8" + dht)) == reason);
    // Found the way stb finds it: after another segment, after padding, behind fill bytes, and as
    // the second table of one segment.
    const std::string app0 = std::string("\xFF\xE0\x00\x04\xC4\xFF", 6);  // holds bytes that look like a marker
    CHECK(error_of(bytes_of("\xFF\xD8" + app0 + dht)) == reason);
    CHECK(error_of(bytes_of("\xFF\xD8" + std::string("\x00\x17\x42", 3) + dht)) == reason);
    CHECK(error_of(bytes_of("\xFF\xD8\xFF\xFF" + dht.substr(1))) == reason);
    // Fill bytes before SOI: not a JPEG at all (libjpeg, like PIL, wants FF D8 first).
    CHECK(error_of(bytes_of(std::string(40, '\xFF') + "\xD8" + dht)) ==
          "not a readable image (Image not of any known type, or corrupt)");
    const std::string first = std::string(1, '\x00') + std::string(15, '\x00') + std::string(1, '\x01') + "\x05";
    CHECK(error_of(bytes_of(std::string("\xFF\xD8\xFF\xC4\x02\x00", 6) + first + std::string(1, '\x10') + counts)) == reason);
    // A real JPEG (its tables are well-formed) still decodes.
    const auto jpeg = decode_image(fixture("flat.jpg"), "flat.jpg", {});
    CHECK(jpeg.image.channels == 3);
}

TEST_CASE("harden: regression: a PNG chunk that claims more bytes than the file holds", "[io][harden][fuzz]") {
    // fuzz_image: 79 bytes whose IDAT claimed 16 MB made stb reserve it (up to 1 GiB for 2^30);
    // libspng reads a chunk as it streams it, and the file ends first.
    const std::string reason = "cannot decode image (the file is truncated)";
    for (const std::uint32_t claimed : {0x00FF0019u, 1u << 30, 0xFFFFFFFFu}) {
        CAPTURE(claimed);
        Bytes b = png_header(3, 2);
        put32(b, claimed);
        b.insert(b.end(), {'I', 'D', 'A', 'T', 0x78, 0x9C, 0x63, 0x00});
        // Past PNG's 2^31 - 1 the length itself is invalid.
        CHECK(error_of(b) == (claimed < 0x80000000u ? reason : "not a readable image (chunk exceeds maximum standard length)"));
    }
    // Every real PNG still decodes.
    CHECK(decode_image(zero_png(3, 5), "ok.png", {}).image.size() == tconv::core::Extent2{3, 5});
    for (const char* name : {"rgb.png", "grey.png", "grey16.png", "palette.png", "rgba.png"}) {
        CAPTURE(name);
        CHECK(decode_image(fixture(name), name, {}).image.height == 3);
    }
}

TEST_CASE("harden: regression: a JPEG scan with tables that were never defined", "[io][harden][fuzz]") {
    // valgrind on a fuzz_image input: stb 2.27 decoded such a scan with uninitialised tables, and
    // used what it read there as array indices. libjpeg refuses a scan before its frame, and a frame
    // whose quantisation table was never defined (stb decoded that one as zeros).
    const std::string scan("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);  // one component, tables DC0/AC0
    CHECK(error_of(bytes_of("\xFF\xD8" + scan)) == "not a readable image (Invalid JPEG file structure: SOS before SOF)");
    const std::string dc0 = std::string("\xFF\xC4\x00\x14\x00", 5) + std::string(1, '\x01') + std::string(15, '\x00') + "\x05";
    const std::string sof2("\xFF\xC2\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00", 13);
    const std::string dc_scan("\xFF\xDA\x00\x08\x01\x01\x00\x00\x00\x00", 10);
    CHECK(error_of(bytes_of("\xFF\xD8" + sof2 + dc0 + dc_scan)) ==
          "cannot decode image (Quantization table 0x00 was not defined)");
    CHECK(error_of(bytes_of("\xFF\xD8" + sof2 + dc_scan)) == "cannot decode image (Quantization table 0x00 was not defined)");
    // With the table defined, the same frame and scan get past that check.
    const std::string dqt = std::string("\xFF\xDB\x00\x43\x00", 5) + std::string(64, '\x01');
    CHECK(error_of(bytes_of("\xFF\xD8" + dqt + sof2 + dc0 + dc_scan)) !=
          "cannot decode image (Quantization table 0x00 was not defined)");
}

TEST_CASE("harden: regression: a progressive JPEG whose bit reader runs past its bits", "[io][harden][fuzz]") {
    // fuzz_image: stb 2.27 shifts by 32 here (stb #1293; UBSan's shift check is off for stb.cpp only).
    // Whatever stb makes of it, tconv must return an image or a clean IoError, never crash.
    const std::string name = "regress-jpeg-bitreader-shift.jpg";
    try {
        const auto loaded = decode_image(fixture(name.c_str()), name, {});
        CHECK(loaded.image.pixels.size() ==
              static_cast<std::size_t>(loaded.image.height * loaded.image.width * loaded.image.channels));
    } catch (const tconv::io::IoError& e) {
        CHECK(e.file() == name);
    }
}
