// The PNG writer: every level, channel count, thread count and deflate segmentation decodes (by
// stb_image, an independent reader) to exactly the pixels that went in, and its zlib stream inflates
// (by libdeflate, which checks the Adler-32 that stb_image skips) to exactly the filtered rows' size.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "io/inflate_checked.hpp"
#include "io/input/image_file.hpp"
#include "io/png/png_encoder.hpp"

namespace {

using namespace tconv;

/// Rows that hit every filter: noise (None/Paeth), horizontal runs (Sub), repeated rows (Up), gradients (Average).
core::Image mixed_image(std::int64_t h, std::int64_t w, int channels, std::uint32_t seed) {
    core::Image img = core::blank_image({h, w}, channels);
    std::mt19937 rng(seed);
    for (std::int64_t y = 0; y < h; ++y)
        for (std::int64_t x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) {
                std::uint8_t v = 0;
                switch (y % 4) {
                    case 0: v = static_cast<std::uint8_t>(rng()); break;
                    case 1: v = static_cast<std::uint8_t>(x / 3 * 40 + c); break;
                    case 2: v = img.at(y - 1, x, c); break;
                    default: v = static_cast<std::uint8_t>(x * 7 + y * 3 + c * 50); break;
                }
                img.pixels[static_cast<std::size_t>((y * w + x) * channels + c)] = v;
            }
    return img;
}

/// The zlib stream of a PNG: its IDAT chunks' data, concatenated.
std::vector<std::uint8_t> zlib_stream_of(const std::vector<std::uint8_t>& png) {
    std::vector<std::uint8_t> zlib;
    for (std::size_t at = 8; at + 12 <= png.size();) {
        const std::size_t length = std::size_t{png[at]} << 24 | std::size_t{png[at + 1]} << 16 | std::size_t{png[at + 2]} << 8 |
                                   std::size_t{png[at + 3]};
        if (std::string(png.begin() + static_cast<std::ptrdiff_t>(at + 4), png.begin() + static_cast<std::ptrdiff_t>(at + 8)) ==
            "IDAT")
            zlib.insert(zlib.end(), png.begin() + static_cast<std::ptrdiff_t>(at + 8),
                        png.begin() + static_cast<std::ptrdiff_t>(at + 8 + length));
        at += 12 + length;
    }
    return zlib;
}

/// Encodes `img`, then checks that stb_image decodes exactly its pixels and that libdeflate inflates the
/// zlib stream, checksum included, to exactly a filter byte plus a row per row.
std::vector<std::uint8_t> encode_and_check(const core::Image& img, const io::PngOptions& options, int threads) {
    const auto png = io::encode_png(img, options, threads);
    REQUIRE(png.size() > 8);
    const core::Image back = io::decode_image(png, "round-trip", {}).image;
    REQUIRE(back.channels == img.channels);
    REQUIRE(back.height == img.height);
    REQUIRE(back.width == img.width);
    REQUIRE(back.pixels == img.pixels);

    const auto filtered_bytes = static_cast<std::size_t>(img.height * (img.width * img.channels + 1));
    test::inflate_checked(zlib_stream_of(png), filtered_bytes);
    return png;
}

/// An upsampled-looking image: a smooth random picture enlarged 4x by bilinear interpolation, with a
/// flat band across it.
core::Image structured_image() {
    constexpr std::int64_t small_h = 30, small_w = 40, scale = 4;
    std::mt19937 rng(7);
    std::vector<double> small(static_cast<std::size_t>(small_h * small_w * 3));
    for (std::int64_t y = 0; y < small_h; ++y)
        for (std::int64_t x = 0; x < small_w; ++x)
            for (int c = 0; c < 3; ++c)
                small[static_cast<std::size_t>((y * small_w + x) * 3 + c)] =
                    static_cast<double>((x * 5 + y * 3 + c * 60) % 200) + static_cast<double>(rng() % 40);
    core::Image img = core::blank_image({small_h * scale, small_w * scale}, 3);
    for (std::int64_t y = 0; y < img.height; ++y)
        for (std::int64_t x = 0; x < img.width; ++x)
            for (int c = 0; c < 3; ++c) {
                const double fy = static_cast<double>(y) / scale, fx = static_cast<double>(x) / scale;
                const auto y0 = std::min<std::int64_t>(static_cast<std::int64_t>(fy), small_h - 2);
                const auto x0 = std::min<std::int64_t>(static_cast<std::int64_t>(fx), small_w - 2);
                const double ty = fy - static_cast<double>(y0), tx = fx - static_cast<double>(x0);
                auto at = [&](std::int64_t yy, std::int64_t xx) {
                    return small[static_cast<std::size_t>((yy * small_w + xx) * 3 + c)];
                };
                const double v = (1 - ty) * ((1 - tx) * at(y0, x0) + tx * at(y0, x0 + 1)) +
                                 ty * ((1 - tx) * at(y0 + 1, x0) + tx * at(y0 + 1, x0 + 1));
                const bool flat = y >= 40 && y < 60;
                img.pixels[static_cast<std::size_t>((y * img.width + x) * 3 + c)] =
                    flat ? std::uint8_t{90} : static_cast<std::uint8_t>(v + 0.5);
            }
    return img;
}

}  // namespace

TEST_CASE("encode_png round-trips at every level, channel count, thread count and segmentation", "[io][png]") {
    for (int channels = 1; channels <= 4; ++channels)
        for (const auto size :
             {core::Extent2{1, 1}, core::Extent2{1, 9}, core::Extent2{9, 1}, core::Extent2{5, 3}, core::Extent2{23, 17}})
            for (const int level : {0, 1, 2, 3, 12})
                for (const int threads : {1, 2, 3, 7})
                    for (const std::int64_t segment_rows : {0, 1, 2, 5}) {
                        if (segment_rows > 0 && (level == 0 || level > 2)) continue;  // segments are levels 1-2 only
                        const core::Image img =
                            mixed_image(size.h, size.w, channels, static_cast<std::uint32_t>(level * 10 + channels));
                        CAPTURE(channels, size.h, size.w, level, threads, segment_rows);
                        const auto png = encode_and_check(img, io::PngOptions{level, segment_rows}, threads);
                        CHECK(png[1] == 'P');
                    }
}

TEST_CASE("rows wider than the filters' trial chunk round-trip, whatever filter wins", "[io][png]") {
    // 65536 bytes is the chunk the filters are tried in: rows of 1.5 and 3 chunks, and one byte over,
    // with noise (None or Sub win) and a smooth ramp over a copy of its row above (Up wins).
    for (const int channels : {1, 3, 4})
        for (const std::int64_t width : {std::int64_t{65537}, std::int64_t{98304} / channels, std::int64_t{196608} / channels}) {
            core::Image img = mixed_image(3, width, channels, static_cast<std::uint32_t>(width + channels));
            for (std::int64_t x = 0; x < width * channels; ++x) {
                img.pixels[static_cast<std::size_t>(width * channels + x)] = static_cast<std::uint8_t>(x / 7);
                img.pixels[static_cast<std::size_t>(2 * width * channels + x)] = static_cast<std::uint8_t>(x / 7 + (x % 3));
            }
            for (const int level : {2, 3}) {
                CAPTURE(channels, width, level);
                encode_and_check(img, io::PngOptions{level, 0}, 1);
            }
        }
}

TEST_CASE("levels 1 and 2 deflate a large image in segments on several threads, the same bytes whatever the thread count",
          "[io][png]") {
    // Noise (incompressible: each segment's output buffer must grow) beside flat areas (repeated rows).
    core::Image img = core::blank_image({600, 700}, 3);
    std::mt19937 rng(11);
    for (std::int64_t y = 0; y < img.height; ++y)
        for (std::int64_t x = 0; x < img.width; ++x)
            for (int c = 0; c < 3; ++c) {
                const bool flat = (y / 100) % 2 == 1 || x < 50;
                img.pixels[static_cast<std::size_t>((y * img.width + x) * 3 + c)] =
                    flat ? static_cast<std::uint8_t>(c * 80 + y / 100) : static_cast<std::uint8_t>(rng());
            }
    for (const int level : {1, 2})
        for (const std::int64_t segment_rows : {0, 37}) {
            CAPTURE(level, segment_rows);
            const auto one_thread = encode_and_check(img, io::PngOptions{level, segment_rows}, 1);
            // The noise, 46% of the pixels, did not shrink: segments outgrew their first 64 KiB of output.
            CHECK(one_thread.size() > img.pixels.size() * 2 / 5);
            for (const int threads : {2, 3}) {
                CAPTURE(threads);
                CHECK(encode_and_check(img, io::PngOptions{level, segment_rows}, threads) == one_thread);
            }
        }
}

TEST_CASE("the default level stays within 15% of level 6's size, and level 12 is the smallest", "[io][png]") {
    // Level 6 (libdeflate 6, all five filters) stands in for ImageMagick's default, zlib at 6-7 with
    // libpng's filter heuristic: within 2% of it on the README's bilinear x2 benchmark.
    const core::Image img = structured_image();
    const auto fast = encode_and_check(img, {2}, 2).size();
    const auto six = encode_and_check(img, {6}, 2).size();
    const auto best = encode_and_check(img, {12}, 2).size();
    CAPTURE(fast, six, best);
    CHECK(static_cast<double>(fast) <= 1.15 * static_cast<double>(six));
    CHECK(best <= six);
    CHECK(best <= fast);
}

TEST_CASE("higher levels give smaller files on an upsampled image", "[io][png]") {
    core::Image img = core::blank_image({64, 96}, 3);
    std::mt19937 rng(3);
    for (std::int64_t y = 0; y < 64; y += 4)
        for (std::int64_t x = 0; x < 96; x += 4)
            for (int c = 0; c < 3; ++c) {
                const auto v = static_cast<std::uint8_t>(rng());
                for (std::int64_t dy = 0; dy < 4; ++dy)
                    for (std::int64_t dx = 0; dx < 4; ++dx)
                        img.pixels[static_cast<std::size_t>(((y + dy) * 96 + x + dx) * 3 + c)] = v;
            }
    const auto stored = io::encode_png(img, {0}).size();
    const auto fast = io::encode_png(img, {2}).size();
    const auto best = io::encode_png(img, {12}).size();
    CAPTURE(stored, fast, best);
    CHECK(stored > img.pixels.size());  // level 0 stores: the pixels plus a filter byte per row
    CHECK(fast < stored / 4);
    CHECK(best <= fast);
}

TEST_CASE("16-bit images: every level writes a 16-bit PNG that decodes to the same samples", "[io][png]") {
    core::Image img = core::unwritten_image({37, 23}, 3, 16);
    std::mt19937 rng(16);
    for (std::size_t i = 0; i < img.pixels.size(); i += 2) {
        // Rows of noise and rows repeating the one above, so that Sub, Up and Paeth all see 16-bit pixels.
        const std::size_t row_bytes = 23 * 3 * 2;
        const bool repeat = (i / row_bytes) % 3 == 2;
        const auto v = repeat ? std::uint16_t{0} : static_cast<std::uint16_t>(rng());
        if (repeat)
            std::copy_n(img.pixels.data() + i - row_bytes, 2, img.pixels.data() + i);
        else
            std::memcpy(img.pixels.data() + i, &v, 2);
    }
    for (const int level : {0, 1, 2, 9}) {
        for (const int threads : {1, 3}) {
            CAPTURE(level, threads);
            const auto png = io::encode_png(img, io::PngOptions{level, 5}, threads);
            REQUIRE(int{png[24]} == 16);  // IHDR bit depth
            const core::Image back = io::decode_image(png, "round-trip", {}).image;
            REQUIRE(back.depth == 16);
            REQUIRE(back.size() == img.size());
            REQUIRE(back.pixels == img.pixels);
            test::inflate_checked(zlib_stream_of(png), static_cast<std::size_t>(37 * (23 * 3 * 2 + 1)));
        }
    }
}
