// The libdeflate PNG writer: every level, channel count, band split and filter choice decodes (by
// stb_image, an independent reader) to exactly the pixels that went in.
#include <cstdint>
#include <random>
#include <span>
#include <string>

#include <catch2/catch.hpp>

#include "io/image_file.hpp"
#include "io/png_encoder.hpp"

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

}  // namespace

TEST_CASE("encode_png round-trips through stb_image at every level, channel count and band split", "[png]") {
    for (int channels = 1; channels <= 4; ++channels)
        for (const auto size : {core::Extent2{1, 1}, core::Extent2{5, 3}, core::Extent2{23, 17}})
            for (const int level : {0, 1, 2, 3, 6, 12})
                for (const int threads : {1, 3, 64}) {
                    const core::Image img = mixed_image(size.h, size.w, channels, static_cast<std::uint32_t>(level * 10 + channels));
                    const auto png = io::encode_png(img, io::PngOptions{level, threads});
                    CAPTURE(channels, size.h, size.w, level, threads);
                    REQUIRE(png.size() > 8);
                    CHECK(png[1] == 'P');
                    const core::Image back = io::decode_image(png, "round-trip", {}).image;
                    REQUIRE(back.channels == channels);
                    REQUIRE(back.height == size.h);
                    REQUIRE(back.width == size.w);
                    REQUIRE(back.pixels == img.pixels);
                }
}

TEST_CASE("higher levels give smaller files on an upsampled image", "[png]") {
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
    const auto stored = io::encode_png(img, {0, 1}).size();
    const auto fast = io::encode_png(img, {2, 1}).size();
    const auto best = io::encode_png(img, {12, 1}).size();
    CAPTURE(stored, fast, best);
    CHECK(stored > img.pixels.size());  // level 0 stores: the pixels plus a filter byte per row
    CHECK(fast < stored / 4);
    CHECK(best <= fast);
}
