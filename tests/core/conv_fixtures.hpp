// Small helpers shared by the transposed-convolution tests: images from literal numbers, and a
// pixel-by-pixel comparison that names the failing pixel.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/image.hpp"

namespace tconv::test {

/// An image of h x w pixels with c interleaved channels from literal values (each 0..255).
inline core::Image make_image(std::int64_t h, std::int64_t w, int c, const std::vector<int>& values) {
    REQUIRE(values.size() == static_cast<std::size_t>(h * w * c));
    core::Image img{h, w, c, {}};
    for (int v : values) {
        REQUIRE((v >= 0 && v <= 255));
        img.pixels.push_back(static_cast<std::uint8_t>(v));
    }
    return img;
}

/// Requires equal sizes and every channel of every pixel within `tolerance` of `want`; on failure the
/// message names the case, the pixel (y, x) and the channel c.
inline void check_pixels(const core::Image& got, const core::Image& want, const std::string& label,
                         int tolerance = 0) {
    CAPTURE(label);
    REQUIRE(got.height == want.height);
    REQUIRE(got.width == want.width);
    REQUIRE(got.channels == want.channels);
    REQUIRE(got.pixels.size() == want.pixels.size());
    for (std::int64_t y = 0; y < want.height; ++y)
        for (std::int64_t x = 0; x < want.width; ++x)
            for (int c = 0; c < want.channels; ++c) {
                const int g = got.at(y, x, c);
                const int e = want.at(y, x, c);
                if (std::abs(g - e) <= tolerance) continue;  // keeps the assertion count readable
                CAPTURE(y, x, c, g, e, tolerance);
                FAIL("pixel differs");
            }
}

}  // namespace tconv::test
