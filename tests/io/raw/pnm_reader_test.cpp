// The PNM reader that both the streamed and the whole reading of a binary PNM go through: samples
// as netpbm defines them (16-bit ones scaled from 0..maxval, rounded half up; 8-bit ones as stored,
// as stb_image reads them), and a file shorter than its header refused.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "io/input/image_file.hpp"
#include "io/io_error.hpp"

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& header, const std::vector<std::uint8_t>& samples) {
    std::vector<std::uint8_t> out(header.begin(), header.end());
    out.insert(out.end(), samples.begin(), samples.end());
    return out;
}

}  // namespace

TEST_CASE("a 16-bit PGM's samples scale from 0..maxval to 0..65535, rounded half up", "[io][pnm]") {
    // 0, 1, 500, 999, 1000 and 1200 (over maxval: saturates) of maxval 1000, big-endian.
    const auto file = bytes_of("P5\n6 1\n1000\n", {0, 0, 0, 1, 0x01, 0xF4, 0x03, 0xE7, 0x03, 0xE8, 0x04, 0xB0});
    const auto loaded = tconv::io::decode_image(file, "g.pgm", {});
    REQUIRE(loaded.image.depth == 16);
    REQUIRE(loaded.image.channels == 1);
    // 65535 * v / 1000: 0, 65.535, 32767.5, 65469.465, 65535.
    const int expected[] = {0, 66, 32768, 65469, 65535, 65535};
    for (int x = 0; x < 6; ++x) CHECK(loaded.image.sample(0, x, 0) == expected[x]);
}

TEST_CASE("an 8-bit PPM's samples are kept as stored whatever its maxval", "[io][pnm]") {
    const auto file = bytes_of("P6 2 1 100\n", {0, 50, 100, 7, 99, 120});
    const auto loaded = tconv::io::decode_image(file, "c.ppm", {});
    REQUIRE(loaded.image.depth == 8);
    REQUIRE(loaded.image.channels == 3);
    const int expected[] = {0, 50, 100, 7, 99, 120};
    for (int i = 0; i < 6; ++i) CHECK(loaded.image.sample(0, i / 3, i % 3) == expected[i]);
}

TEST_CASE("a PNM shorter than its header says is refused in one line naming it", "[io][pnm]") {
    const auto file = bytes_of("P6\n2 2\n255\n", {1, 2, 3, 4, 5, 6, 7, 8, 9});
    try {
        (void)tconv::io::decode_image(file, "short.ppm", {});
        FAIL("a short PPM was decoded");
    } catch (const tconv::io::IoError& e) {
        CHECK(e.file() == "short.ppm");
        CHECK(std::string(e.what()) == "not a readable image (PNM file is shorter than its header says)");
    }
}
