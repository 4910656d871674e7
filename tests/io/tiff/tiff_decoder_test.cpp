// io::decode_image on TIFFs whose samples libtiff's RGBA interface would get wrong, against what
// PIL, ImageMagick or tifffile decode from the same files (tests/reference/make_tiff_fixtures.py):
// associated alpha, signed and floating-point samples, 16-bit tiles and planes, odd tile sizes; each
// decoded whole from memory and streamed from its file a strip or a row of tiles at a time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "io/file_fixture.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

using tconv::test::file_bytes;

std::string fixture(const std::string& name) { return std::string(TCONV_TEST_DATA) + "/fixtures/tiff/" + name; }

/// Fills `image` (its shape set) with rows from `read`, top to bottom.
template <class ReadRow>
void core_image_rows(tconv::core::Image& image, const ReadRow& read) {
    image = tconv::core::unwritten_image(image.size(), image.channels, image.depth);
    const std::size_t row_bytes = static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes();
    for (std::int64_t y = 0; y < image.height; ++y) read(image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
}

/// The image `name` decoded: whole from its bytes (decode_image), or from its file through the reader
/// open_image gives when asked to stream, its rows read one by one.
tconv::io::LoadedImage decoded(const std::string& name, bool streamed) {
    if (!streamed) return tconv::io::decode_image(file_bytes(fixture(name)), name, {});
    const auto reader = tconv::io::open_image(fixture(name), {}, true);
    tconv::io::LoadedImage loaded = std::move(reader->loaded());
    if (!reader->streams()) return loaded;
    core_image_rows(loaded.image, [&](std::uint8_t* row) { reader->read_row(row); });
    reader->finish();
    return loaded;
}

/// Decodes `name`, whole and streamed, and requires every sample of NAME.expected ("H W C DEPTH\n",
/// then the samples, 16-bit ones little-endian). `streams`: whether open_image streams it.
void check_tiff_fixture(const std::string& name, bool streams = true) {
    const Bytes expected = file_bytes(fixture(name) + ".expected");
    const auto newline = std::find(expected.begin(), expected.end(), '\n');
    REQUIRE(newline != expected.end());
    std::istringstream header(std::string(expected.begin(), newline));
    std::int64_t height = 0, width = 0;
    int channels = 0, depth = 0;
    header >> height >> width >> channels >> depth;
    for (const bool streamed : {false, true}) {
        CAPTURE(name, streamed);
        if (streamed) CHECK(tconv::io::open_image(fixture(name), {}, true)->streams() == streams);
        const auto loaded = decoded(name, streamed);
        REQUIRE(loaded.image.height == height);
        REQUIRE(loaded.image.width == width);
        REQUIRE(loaded.image.channels == channels);
        REQUIRE(loaded.image.depth == depth);
        CHECK_FALSE(loaded.reduced_from_16_bit);
        const auto* want = &*newline + 1;
        std::size_t differing = 0;
        for (std::int64_t y = 0; y < height; ++y)
            for (std::int64_t x = 0; x < width; ++x)
                for (int c = 0; c < channels; ++c) {
                    const auto i = static_cast<std::size_t>((y * width + x) * channels + c);
                    const int v = depth == 16 ? want[2 * i] | want[2 * i + 1] << 8 : want[i];
                    if (loaded.image.sample(y, x, c) != v && differing++ < 5)
                        UNSCOPED_INFO("y " << y << " x " << x << " c " << c << ": " << loaded.image.sample(y, x, c)
                                           << ", reference " << v);
                }
        CHECK(differing == 0);
    }
}

}  // namespace

TEST_CASE("TIFF readers, whole and streamed, un-premultiply associated alpha as PIL and ImageMagick do", "[io][decode][tiff]") {
    check_tiff_fixture("assoc_alpha.tif");
    check_tiff_fixture("assoc_alpha16.tif");
}

TEST_CASE("TIFF readers, whole and streamed, read signed TIFF samples offset to unsigned, as ImageMagick does",
          "[io][decode][tiff]") {
    check_tiff_fixture("int16.tif");
    check_tiff_fixture("int8.tif");
}

TEST_CASE("TIFF readers, whole and streamed, read floating-point TIFF samples 0..1 as 16-bit, as ImageMagick does",
          "[io][decode][tiff]") {
    check_tiff_fixture("float16.tif");
    check_tiff_fixture("float32_rgb.tif");
}

TEST_CASE("TIFF readers, whole and streamed, keep 16 bits of tiled and planar TIFFs and read odd tile sizes",
          "[io][decode][tiff]") {
    check_tiff_fixture("tiled16_rgb.tif");
    check_tiff_fixture("planar16_rgb.tif");
    check_tiff_fixture("tiled48_rgb.tif");
    check_tiff_fixture("tiled16_palette4.tif", false);  // a palette: libtiff's RGBA interface, whole
}

TEST_CASE("decode_image refuses TIFF sample formats it has no mapping for, in one line", "[io][decode][tiff]") {
    // int16.tif with its BitsPerSample (tag 258, a SHORT in the first IFD) patched to 32: no faithful
    // 16-bit mapping of a 32-bit signed sample.
    Bytes bytes = file_bytes(fixture("int16.tif"));
    REQUIRE(bytes.size() > 8);
    std::uint32_t ifd = 0;
    std::memcpy(&ifd, &bytes[4], 4);  // little-endian file, little-endian host
    std::uint16_t entries = 0;
    std::memcpy(&entries, &bytes[ifd], 2);
    bool patched = false;
    for (std::uint16_t e = 0; e < entries; ++e) {
        std::uint8_t* entry = &bytes[ifd + 2 + 12u * e];
        if (entry[0] == 0x02 && entry[1] == 0x01) {
            entry[8] = 32;
            patched = true;
        }
    }
    REQUIRE(patched);
    try {
        (void)tconv::io::decode_image(bytes, "wide.tif", {});
        FAIL("a 32-bit signed TIFF was decoded");
    } catch (const tconv::io::IoError& e) {
        const std::string what = e.what();
        CHECK(what.find("32-bit signed") != std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
    }
}
