// Image: 8-bit pixels, rows x columns x channels, channels interleaved (what stb reads and writes).
#pragma once
#include <cstdint>
#include <vector>

#include "core/extent.hpp"

namespace tconv::core {

/// An 8-bit image, row-major with interleaved channels: pixel (y, x) channel c is at
/// pixels[(y * width + x) * channels + c]. channels is 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA).
struct Image {
    std::int64_t height = 0;
    std::int64_t width = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;

    Extent2 size() const { return {height, width}; }
    std::uint8_t at(std::int64_t y, std::int64_t x, int c) const {
        return pixels[static_cast<std::size_t>((y * width + x) * channels + c)];
    }
};

/// A zero-filled image of the given size and channel count.
inline Image blank_image(Extent2 size, int channels) {
    return Image{size.h, size.w, channels, std::vector<std::uint8_t>(static_cast<std::size_t>(size.h * size.w * channels), 0)};
}

}  // namespace tconv::core
