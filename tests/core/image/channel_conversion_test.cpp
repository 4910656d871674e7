// --channels: explicit pixels for every source count to grey, RGB and RGBA.
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv_fixtures.hpp"
#include "core/image/channel_conversion.hpp"

using namespace tconv;

TEST_CASE("parse_channel_target names gray rgb and rgba only", "[core][layer]") {
    CHECK(core::parse_channel_target("gray") == 1);
    CHECK(core::parse_channel_target("rgb") == 3);
    CHECK(core::parse_channel_target("rgba") == 4);
    for (const char* bad : {"grey", "RGB", "", "ga", "rgba "}) CHECK_FALSE(core::parse_channel_target(bad));
}

TEST_CASE("convert_channels to grey uses 0.299 R + 0.587 G + 0.114 B rounded half away from zero", "[core][layer]") {
    // In thousandths: (1, 0, 0) 299 -> 0; (10, 0, 5) 3560 -> 4; (1, 1, 0) 886 -> 1; (0, 0, 255) 29070 -> 29;
    // (0, 12, 4) 7500 exactly: a half, rounded up -> 8.
    const core::Image rgb = test::make_image(1, 6, 3, {1, 0, 0, 10, 0, 5, 1, 1, 0, 255, 255, 255, 0, 0, 255, 0, 12, 4});
    const core::Image grey = core::convert_channels(rgb, 1);
    CHECK(std::vector<int>(grey.pixels.begin(), grey.pixels.end()) == std::vector<int>{0, 4, 1, 255, 29, 8});
    const core::Image rgba = test::make_image(1, 2, 4, {200, 100, 50, 7, 0, 255, 0, 128});
    const core::Image g2 = core::convert_channels(rgba, 1);  // 59.8+58.7+5.7 = 124.2; 149.685
    CHECK(std::vector<int>(g2.pixels.begin(), g2.pixels.end()) == std::vector<int>{124, 150});
    CHECK(core::conversion_drops_alpha(4, 1));
    CHECK_FALSE(core::conversion_drops_alpha(3, 1));
}

TEST_CASE("convert_channels repeats grey and keeps or adds the alpha", "[core][layer]") {
    const core::Image ga = test::make_image(1, 2, 2, {10, 200, 99, 0});
    const core::Image to_rgb = core::convert_channels(ga, 3);
    CHECK(std::vector<int>(to_rgb.pixels.begin(), to_rgb.pixels.end()) == std::vector<int>{10, 10, 10, 99, 99, 99});
    const core::Image to_rgba = core::convert_channels(ga, 4);
    CHECK(std::vector<int>(to_rgba.pixels.begin(), to_rgba.pixels.end()) == std::vector<int>{10, 10, 10, 200, 99, 99, 99, 0});
    const core::Image rgb = test::make_image(1, 1, 3, {1, 2, 3});
    const core::Image rgba = core::convert_channels(rgb, 4);
    CHECK(std::vector<int>(rgba.pixels.begin(), rgba.pixels.end()) == std::vector<int>{1, 2, 3, 255});
    const core::Image back = core::convert_channels(rgba, 3);
    CHECK(std::vector<int>(back.pixels.begin(), back.pixels.end()) == std::vector<int>{1, 2, 3});
    CHECK(core::convert_channels(rgb, 3).pixels == rgb.pixels);
}
