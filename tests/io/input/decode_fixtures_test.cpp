// io::decode_image and io::load_image on the checked-in fixtures: every format keeps its channel
// count and pixels, 16-bit PNGs keep all 16 bits, bad files fail with stb's reason.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "io/input/image_file.hpp"
#include "io/io_error.hpp"

namespace {

using tconv::io::decode_image;
using tconv::io::IoError;
using tconv::io::LoadedImage;
using tconv::io::LoadLimits;
using Bytes = std::vector<std::uint8_t>;
/// The expected value of channel c at (y, x).
using Expected = std::function<int(std::int64_t y, std::int64_t x, int c)>;

std::string fixture_path(const std::string& name) { return std::string(TCONV_TEST_DATA) + "/fixtures/" + name; }

Bytes fixture(const std::string& name) {
    std::ifstream in(fixture_path(name), std::ios::binary);
    REQUIRE(in);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

// The formulas of tests/fixtures/make_fixtures.py, restated: 3 rows x 5 columns.
int grey(std::int64_t y, std::int64_t x) { return static_cast<int>(20 * x + 80 * y + 5); }
int alpha(std::int64_t y, std::int64_t x) { return static_cast<int>(255 - 50 * x - 10 * y); }
int rgb(std::int64_t y, std::int64_t x, int c) {
    const std::int64_t v[3] = {50 * x, 100 * y, 255 - 30 * x - 40 * y};
    return static_cast<int>(v[c]);
}

/// Decodes `name` and checks its size, channel count and every sample within `tolerance`.
LoadedImage check_fixture(const std::string& name, int channels, const Expected& expected, int tolerance = 0, int depth = 8) {
    CAPTURE(name);
    const LoadedImage loaded = decode_image(fixture(name), name, LoadLimits{});
    const auto& image = loaded.image;
    REQUIRE(image.height == 3);
    REQUIRE(image.width == 5);
    REQUIRE(image.channels == channels);
    REQUIRE(image.depth == depth);
    REQUIRE(image.pixels.size() == 3u * 5u * static_cast<std::size_t>(channels) * image.sample_bytes());
    for (std::int64_t y = 0; y < 3; ++y)
        for (std::int64_t x = 0; x < 5; ++x)
            for (int c = 0; c < channels; ++c) {
                CAPTURE(y, x, c);
                CHECK(std::abs(image.sample(y, x, c) - expected(y, x, c)) <= tolerance);
            }
    return loaded;
}

std::string error_of(const std::string& name, const LoadLimits& limits = {}) {
    try {
        decode_image(fixture(name), name, limits);
    } catch (const IoError& e) {
        CHECK(e.file() == name);
        return e.what();
    }
    return "(decoded)";
}

}  // namespace

TEST_CASE("decode_image keeps the channel count of PNGs", "[io][decode]") {
    CHECK_FALSE(check_fixture("grey.png", 1, [](auto y, auto x, int) { return grey(y, x); }).reduced_from_16_bit);
    CHECK_FALSE(check_fixture("grey_alpha.png", 2, [](auto y, auto x, int c) {
                    return c == 0 ? grey(y, x) : alpha(y, x);
                }).reduced_from_16_bit);
    CHECK_FALSE(check_fixture("rgb.png", 3, rgb).reduced_from_16_bit);
    CHECK_FALSE(check_fixture("rgba.png", 4, [](auto y, auto x, int c) {
                    return c < 3 ? rgb(y, x, c) : alpha(y, x);
                }).reduced_from_16_bit);
    // A palette expands to RGB: entry i = x + 5y is (10i, 200 - 10i, 7i).
    check_fixture("palette.png", 3, [](auto y, auto x, int c) {
        const auto i = static_cast<int>(x + 5 * y);
        return c == 0 ? 10 * i : c == 1 ? 200 - 10 * i : 7 * i;
    });
}

TEST_CASE("decode_image keeps the 16 bits of 16-bit PNGs, in both bytes", "[io][decode]") {
    // grey16.png's samples are grey * 256 + 0x80 + 3x + y: a swapped byte order or a lost low byte fails.
    CHECK_FALSE(
        check_fixture(
            "grey16.png", 1, [](auto y, auto x, int) { return grey(y, x) * 256 + 0x80 + static_cast<int>(3 * x + y); }, 0, 16)
            .reduced_from_16_bit);
    // rgb16.png's samples are value * 256 + 0x7F.
    CHECK_FALSE(check_fixture(
                    "rgb16.png", 3, [](auto y, auto x, int c) { return rgb(y, x, c) * 256 + 0x7F; }, 0, 16)
                    .reduced_from_16_bit);
}

TEST_CASE("decode_image reads BMP, TGA, PNM, GIF (first frame) and JPEG", "[io][decode]") {
    check_fixture("rgb.bmp", 3, rgb);
    check_fixture("rgb.tga", 3, rgb);
    check_fixture("rgb.ppm", 3, rgb);
    check_fixture("grey.pgm", 1, [](auto y, auto x, int) { return grey(y, x); });
    // stb reads GIFs as RGBA; the second frame is all white and must not show.
    check_fixture("two_frames.gif", 4, [](auto y, auto x, int c) { return c < 3 ? rgb(y, x, c) : 255; });
    // JPEG is lossy: a flat colour comes back within a few levels.
    check_fixture(
        "flat.jpg", 3, [](auto, auto, int c) { return c == 0   ? 200
                                                      : c == 1 ? 100
                                                               : 50; }, 3);
}

TEST_CASE("decode_image fails with the reason, the decoder's in parentheses", "[io][decode]") {
    CHECK(error_of("empty.png") == "file is empty");
    CHECK(error_of("text.png") == "not a readable image (Image not of any known type, or corrupt)");
    CHECK_THAT(error_of("truncated.png"), Catch::Matches("(not a readable image|cannot decode image) \\(.+\\)"));
    // The header alone is refused: 30000x30000 passes stb's own checks, so this is tconv's cap.
    CHECK(error_of("huge_header.png") == "image is 30000x30000 = 900000000 pixels, over the limit of 268435456 (--max-pixels)");
    CHECK(error_of("giant_header.png") ==
          "image is 100000x100000 = 10000000000 pixels, over the limit of 268435456 (--max-pixels)");
    CHECK(error_of("rgb.png", LoadLimits{14}) == "image is 3x5 = 15 pixels, over the limit of 14 (--max-pixels)");
    CHECK(error_of("rgb.png", LoadLimits{15}) == "(decoded)");
}

TEST_CASE("load_image reads files and names them in errors", "[io][decode]") {
    const LoadedImage loaded = tconv::io::load_image(fixture_path("rgba.png"), LoadLimits{});
    CHECK(loaded.image.channels == 4);
    CHECK(loaded.image.at(2, 4, 3) == alpha(2, 4));
    const std::string missing = fixture_path("no-such-file.png");
    try {
        tconv::io::load_image(missing, LoadLimits{});
        FAIL("a missing file was loaded");
    } catch (const IoError& e) {
        CHECK(e.file() == missing);
        CHECK(std::string(e.what()) == "No such file or directory");
    }
    // A file larger than max_file_bytes is refused before it is read whole.
    try {
        tconv::io::load_image(fixture_path("rgb.png"), LoadLimits{1 << 20, 10});
        FAIL("the byte cap was ignored");
    } catch (const IoError& e) {
        CHECK_THAT(e.what(), Catch::Contains("larger than the limit of 10 bytes"));
    }
}
