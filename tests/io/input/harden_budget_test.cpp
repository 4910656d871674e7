// Hostile inputs refused from what their header promises, on the decoding side: bytes after a
// PNG's IEND, a bad CRC in any chunk, a small image with megabytes of compressed data behind it, a
// PNM max value of 0, an HDR run of length 0 (stb 2.27 loops on it forever), and the caller's size
// check run from the header before any pixel is decoded.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
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

std::string error_of(const Bytes& bytes, const LoadLimits& limits = {}) {
    try {
        decode_image(bytes, "in.img", limits);
    } catch (const IoError& e) {
        return e.what();
    }
    return "(decoded)";
}

/// A PNG chunk with its length and CRC; `crc_delta` spoils the CRC.
Bytes chunk(const std::string& type, const Bytes& data, std::uint32_t crc_delta = 0) {
    Bytes out(12 + data.size());
    const auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (std::size_t i = 0; i < 4; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    };
    put32(0, static_cast<std::uint32_t>(data.size()));
    for (std::size_t i = 0; i < 4; ++i) out[4 + i] = static_cast<std::uint8_t>(type[i]);
    std::copy(data.begin(), data.end(), out.begin() + 8);
    put32(8 + data.size(), libdeflate_crc32(0, out.data() + 4, data.size() + 4) + crc_delta);
    return out;
}

/// An all-zero grey PNG from tconv's encoder, with `extra` inserted before its IEND chunk.
Bytes png_with_before_iend(std::int64_t h, std::int64_t w, const Bytes& extra) {
    const Bytes png = tconv::io::encode_png(tconv::core::blank_image({h, w}, 1));
    Bytes out(png.begin(), png.end() - 12);
    out.reserve(png.size() + extra.size());
    for (const std::uint8_t b : extra) out.push_back(b);
    for (auto it = png.end() - 12; it != png.end(); ++it) out.push_back(*it);
    return out;
}

}  // namespace

TEST_CASE("harden: a PNG with bytes after IEND is refused", "[io][harden]") {
    Bytes png = tconv::io::encode_png(tconv::core::blank_image({2, 3}, 1));
    CHECK(error_of(png) == "(decoded)");
    png.resize(png.size() + 1, 0);
    CHECK(error_of(png) == "cannot decode image (bytes after the IEND chunk)");
}

TEST_CASE("harden: a bad CRC in an ancillary PNG chunk is refused as in a critical one", "[io][harden]") {
    const Bytes text = bytes_of(std::string("Comment\0hello", 13));
    CHECK(error_of(png_with_before_iend(2, 3, chunk("tEXt", text))) == "(decoded)");
    CHECK_THAT(error_of(png_with_before_iend(2, 3, chunk("tEXt", text, 1))), Catch::Contains("invalid chunk checksum"));
}

TEST_CASE("harden: a PNG bomb is refused once its data passes what its rows could need", "[io][harden]") {
    // A 1x1 image (2 bytes of rows) followed by 1 MiB more of IDAT: refused after reading at most
    // 16 x 2 + 64 KiB of image data, whatever the rest would inflate to.
    const Bytes junk(1 << 20, 0);
    CHECK(error_of(png_with_before_iend(1, 1, chunk("IDAT", junk))) ==
          "cannot decode image (over 65568 bytes of compressed image data for 2 bytes of rows: a decompression bomb)");
    // 64 KiB past the rows is within the slack: libspng inflates no more than the rows, then stops.
    CHECK(error_of(png_with_before_iend(1, 1, chunk("IDAT", Bytes(1 << 15, 0)))) == "(decoded)");
}

TEST_CASE("harden: a PNG chunk that claims more than the file may hold is refused unread", "[io][harden][fuzz]") {
    // libspng reads a streamed ancillary chunk whole into one buffer of its stated length: an eXIf
    // claiming 800 MiB in a 100-byte file was an 800 MiB allocation (found by fuzz_image).
    Bytes claim = chunk("eXIf", Bytes(16, 0));
    claim[0] = 0x32;  // length 0x32000010
    const Bytes png = png_with_before_iend(2, 3, claim);
    CHECK_THAT(error_of(png, LoadLimits{std::int64_t{1} << 18, std::uint64_t{1} << 24}), Catch::Contains("chunk/cache limits"));
    CHECK_THAT(error_of(png), Catch::Contains("chunk/cache limits"));
    // A chunk within the file's limit is read as before.
    CHECK(error_of(png_with_before_iend(2, 3, chunk("tEXt", bytes_of(std::string("Comment\0hello", 13)))),
                   LoadLimits{std::int64_t{1} << 18, 64}) == "(decoded)");
}

TEST_CASE("harden: a PNM max value of 0 is refused", "[io][harden]") {
    CHECK(error_of(bytes_of(std::string("P5\n2 1\n0\n\0\0", 11))) == "not a readable image (PNM max value is 0)");
    CHECK(error_of(bytes_of(std::string("P6\n1 1\n0\n\0\0\0", 12))) == "not a readable image (PNM max value is 0)");
    CHECK(error_of(bytes_of(std::string("P5\n2 1\n1\n\0\1", 11))) == "(decoded)");
}

TEST_CASE("harden: an HDR run of length 0 is refused before stb loops on it", "[io][harden][fuzz]") {
    const std::string header = "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 8\n";
    // One run-length scanline of 8 pixels: per channel a run of 8 (count 128 + 8) of one value.
    const std::string scanline = std::string("\x02\x02\x00\x08", 4) + "\x88\x80\x88\x40\x88\x20\x88\x81";
    const auto hdr = decode_image(bytes_of(header + scanline), "ok.hdr", {});
    CHECK(hdr.image.size() == tconv::core::Extent2{1, 8});
    CHECK(error_of(bytes_of(header + std::string("\x02\x02\x00\x08\x00", 5))) ==
          "not a readable image (HDR scanline holds a run of length 0)");
    CHECK(error_of(bytes_of(header + std::string("\x02\x02\x00\x08\x88\x80\x00", 7))) ==
          "not a readable image (HDR scanline holds a run of length 0)");
    // Truncated inside the counts: stb would read zeros past the end, a run of length 0 too.
    CHECK(error_of(bytes_of(header + std::string("\x02\x02\x00\x08\x88\x80", 6))) ==
          "not a readable image (HDR file is truncated inside a run-length scanline)");
    // A header line that starts with NUL ends the header for stb, which compares C strings (a fuzz
    // finding: the check read the size line as a header token and let stb loop on the truncated scanline).
    const std::string nul_line = "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n" + std::string(8, '\0') + "\n-Y 1 +X 8\n";
    CHECK(error_of(bytes_of(nul_line + std::string("\x02\x02\x00\x08\x85", 5))) ==
          "not a readable image (HDR file is truncated inside a run-length scanline)");
}

TEST_CASE("harden: the caller's size check runs from the header before any pixel is decoded", "[io][harden]") {
    // Each file's pixel data is corrupt or missing: a check that ran after decoding would never be reached.
    LoadLimits limits;
    std::vector<tconv::core::Extent2> seen;
    limits.check_size = [&](const tconv::io::HeaderShape& header) {
        seen.push_back(header.size);
        throw IoError("in.img", "checked");
    };
    const Bytes png = png_with_before_iend(3, 5, chunk("IDAT", Bytes(8, 0xFF)));  // a second stream of garbage
    CHECK(error_of(png, limits) == "checked");
    const std::string sof0("\xFF\xC0\x00\x0B\x08\x00\x07\x00\x09\x01\x01\x11\x00", 13);  // 7x9 grey, no tables
    const std::string sos("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    CHECK(error_of(bytes_of("\xFF\xD8" + sof0 + sos), limits) == "checked");
    CHECK(error_of(bytes_of("P5\n4 6\n255\n"), limits) == "checked");  // no samples at all
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == tconv::core::Extent2{3, 5});
    CHECK(seen[1] == tconv::core::Extent2{7, 9});
    CHECK(seen[2] == tconv::core::Extent2{6, 4});
}

TEST_CASE("harden: --max-pixels counts a header's bytes beyond 4 a pixel", "[io][harden]") {
    const auto ihdr_only = [](std::uint32_t side, std::uint8_t depth, std::uint8_t colour_type) {
        Bytes ihdr(13, 0);
        for (std::size_t i = 0; i < 4; ++i) ihdr[i] = ihdr[4 + i] = static_cast<std::uint8_t>(side >> (24 - 8 * i));
        ihdr[8] = depth;
        ihdr[9] = colour_type;
        Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        for (const Bytes& c : {chunk("IHDR", ihdr), chunk("IEND", {})}) png.insert(png.end(), c.begin(), c.end());
        return png;
    };
    // 16x16 = 256 pixels of 16-bit RGBA: 2048 bytes, as much as 512 pixels of 4 bytes.
    CHECK(error_of(ihdr_only(16, 16, 6), LoadLimits{511}) ==
          "image is 16x16x4 16-bit samples = 2048 bytes, over the limit of 511 pixels of 4 bytes (--max-pixels)");
    // Up to 4 bytes a pixel only the pixels count: 8-bit RGBA and 16-bit grey pass the header (and
    // then fail for their missing data).
    CHECK_THAT(error_of(ihdr_only(16, 8, 6), LoadLimits{256}), !Catch::Contains("--max-pixels"));
    CHECK_THAT(error_of(ihdr_only(16, 16, 0), LoadLimits{256}), !Catch::Contains("--max-pixels"));
    CHECK(error_of(ihdr_only(16, 8, 6), LoadLimits{255}) == "image is 16x16 = 256 pixels, over the limit of 255 (--max-pixels)");
    CHECK_THAT(error_of(ihdr_only(16, 16, 6), LoadLimits{512}), !Catch::Contains("--max-pixels"));
}
