// io::stb_header_problem through io::decode_image: BMP, TGA, PSD and GIF files made by ImageMagick,
// cut to many lengths, are read exactly where PIL reads them and refused where PIL finds them
// truncated (tests/reference/make_truncated_fixtures.py), never handed back with zeros for the
// missing pixels.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "io/file_fixture.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/stb/stb_guards.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string truncated_dir() { return std::string(TCONV_TEST_DATA) + "/fixtures/truncated/"; }

using tconv::test::file_bytes;

}  // namespace

TEST_CASE("decode_image refuses BMP, TGA, PSD and GIF files cut short, where PIL does", "[io][decode][stb]") {
    std::ifstream cuts(truncated_dir() + "cuts.txt");
    REQUIRE(cuts);
    std::string name, verdict;
    std::size_t length = 0;
    int refused = 0, read = 0;
    while (cuts >> name >> length >> verdict) {
        const Bytes whole = file_bytes(truncated_dir() + name);
        REQUIRE(length <= whole.size());
        const Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(length));
        CAPTURE(name, length, whole.size(), verdict);
        if (verdict == "ok") {
            CHECK_NOTHROW(tconv::io::decode_image(cut, name, {}));
            ++read;
        } else {
            CHECK_THROWS_AS(tconv::io::decode_image(cut, name, {}), tconv::io::IoError);
            ++refused;
        }
    }
    CHECK(read >= 7);  // every whole file
    CHECK(refused >= 7 * 14);
}

TEST_CASE("stb_header_problem names the format whose file is short", "[io][stb]") {
    const auto problem_of_half = [](const std::string& name) {
        const Bytes whole = file_bytes(truncated_dir() + name);
        const Bytes half(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(whole.size() * 3 / 4));
        const char* problem = tconv::io::stb_header_problem(half, true);
        return std::string(problem == nullptr ? "" : problem);
    };
    CHECK(problem_of_half("rgb24.bmp") == "BMP file is shorter than its header says");
    CHECK(problem_of_half("palette8.bmp") == "BMP file is shorter than its header says");
    CHECK(problem_of_half("rgb.tga") == "TGA file is shorter than its header says");
    CHECK(problem_of_half("rle.tga") == "TGA file ends inside its run-length data");
    CHECK(problem_of_half("raw.psd") == "PSD file is shorter than its header says");
    CHECK(problem_of_half("rle.psd") == "PSD file is shorter than its header says");
    CHECK(problem_of_half("image.gif") == "GIF file ends inside its first image");
    CHECK(tconv::io::stb_header_problem(file_bytes(truncated_dir() + "rle.psd"), true) == nullptr);
}
