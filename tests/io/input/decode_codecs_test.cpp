// io::decode_image on JPEG, WebP, TIFF and animated files made by PIL: the same samples PIL decodes
// (libjpeg's for JPEG, as ImageMagick and vips decode them), for baseline, 4:2:0, progressive, grey
// and CMYK JPEGs, lossy and lossless WebP with alpha, deflate/LZW TIFFs, and the first frame of an
// APNG and an animated WebP (tests/reference/make_codec_goldens.py).
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/image/orientation.hpp"
#include "io/file_fixture.hpp"
#include "io/input/image_file.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

using tconv::test::file_bytes;

/// NAME.expected: "H W C\n" then the samples.
struct Expected {
    std::int64_t height = 0, width = 0;
    int channels = 0;
    Bytes samples;
};

Expected expected_of(const std::string& path) {
    CAPTURE(path);
    const Bytes bytes = file_bytes(path);
    const auto newline = std::find(bytes.begin(), bytes.end(), '\n');
    REQUIRE(newline != bytes.end());
    std::istringstream header(std::string(bytes.begin(), newline));
    Expected e;
    header >> e.height >> e.width >> e.channels;
    e.samples.assign(newline + 1, bytes.end());
    REQUIRE(e.samples.size() == static_cast<std::size_t>(e.height * e.width * e.channels));
    return e;
}

/// Decodes `name` and checks every sample; returns the frames it says were left out.
int check_codec_fixture(const std::string& name) {
    CAPTURE(name);
    const std::string path = std::string(TCONV_TEST_DATA) + "/fixtures/codecs/" + name;
    const Expected want = expected_of(path + ".expected");
    const auto loaded = tconv::io::decode_image(file_bytes(path), name, {});
    REQUIRE(loaded.image.height == want.height);
    REQUIRE(loaded.image.width == want.width);
    REQUIRE(loaded.image.channels == want.channels);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < want.samples.size(); ++i) differing += loaded.image.pixels[i] != want.samples[i];
    CHECK(differing == 0);
    return loaded.ignored_frames;
}

}  // namespace

TEST_CASE("decode_image gives libjpeg's pixels for baseline 4:4:4 and 4:2:0 JPEGs", "[io][decode][jpeg]") {
    check_codec_fixture("baseline_444.jpg");
    check_codec_fixture("baseline_420.jpg");
}

TEST_CASE("decode_image reads progressive and grey JPEGs as libjpeg does", "[io][decode][jpeg]") {
    check_codec_fixture("progressive.jpg");
    check_codec_fixture("grey.jpg");
}

TEST_CASE("decode_image turns an Adobe CMYK JPEG into RGB as PIL does", "[io][decode][jpeg]") { check_codec_fixture("cmyk.jpg"); }

TEST_CASE("decode_image reads lossy WebP and lossless WebP with alpha", "[io][decode][webp]") {
    check_codec_fixture("lossy.webp");
    check_codec_fixture("lossless_alpha.webp");
}

TEST_CASE("decode_image reads grey RGB and RGBA TIFFs", "[io][decode][tiff]") {
    check_codec_fixture("rgb.tif");
    check_codec_fixture("grey.tif");
    check_codec_fixture("rgba.tif");
}

TEST_CASE("decode_image reads an animation's first frame and counts the others", "[io][decode]") {
    CHECK(check_codec_fixture("anim3.png") == 2);
    CHECK(check_codec_fixture("anim3.webp") == 2);
    CHECK(check_codec_fixture("baseline_444.jpg") == 0);
    // stb reads a GIF's first frame; its blocks are walked to count the rest.
    const std::string gif = std::string(TCONV_TEST_DATA) + "/fixtures/two_frames.gif";
    CHECK(tconv::io::load_image(gif, {}).ignored_frames == 1);
}

TEST_CASE("decode_image reads .npy arrays NumPy wrote: integers as they are and floats rounded", "[io][decode][npy]") {
    check_codec_fixture("rgb_u1.npy");
    check_codec_fixture("grey_f4.npy");
    check_codec_fixture("rgba_be_i2.npy");
    check_codec_fixture("ga_fortran_f8.npy");
    check_codec_fixture("rgb_f2.npy");
}

TEST_CASE("decode_image reads EXIF orientations 1 to 8 and upright() turns them as PIL does", "[io][decode][orientation]") {
    const std::string dir = std::string(TCONV_TEST_DATA) + "/fixtures/codecs/";
    for (int orientation = 1; orientation <= 8; ++orientation) {
        CAPTURE(orientation);
        const std::string name = "orient" + std::to_string(orientation) + ".jpg";
        check_codec_fixture(name);
        const auto loaded = tconv::io::decode_image(file_bytes(dir + name), name, {});
        CHECK(loaded.orientation == orientation);
        const auto up = tconv::core::upright(loaded.image, loaded.orientation);
        const Expected want = expected_of(dir + name + ".upright");
        REQUIRE(up.height == want.height);
        REQUIRE(up.width == want.width);
        CHECK(std::equal(want.samples.begin(), want.samples.end(), up.pixels.begin()));
    }
    const auto png = tconv::io::decode_image(file_bytes(dir + "orient6.png"), "orient6.png", {});
    CHECK(png.orientation == 6);
    CHECK(tconv::io::decode_image(file_bytes(dir + "baseline_444.jpg"), "b.jpg", {}).orientation == 1);
}
