// Image: 8-bit pixels, rows x columns x channels, channels interleaved (what stb reads and writes).
#pragma once
#include <cstdint>

#include "core/extent.hpp"
#include "core/pixel_allocator.hpp"

namespace tconv::core {

/// An 8-bit image, row-major with interleaved channels: pixel (y, x) channel c is at
/// pixels[(y * width + x) * channels + c]. channels is 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA).
struct Image {
    std::int64_t height = 0;
    std::int64_t width = 0;
    int channels = 0;
    PixelBytes pixels;

    Extent2 size() const { return {height, width}; }
    std::uint8_t at(std::int64_t y, std::int64_t x, int c) const {
        return pixels[static_cast<std::size_t>((y * width + x) * channels + c)];
    }
};

/// A zero-filled image of the given size and channel count.
inline Image blank_image(Extent2 size, int channels) {
    return Image{size.h, size.w, channels, PixelBytes(static_cast<std::size_t>(size.h * size.w * channels), 0)};
}

/// An image whose pixels are not yet written: for a caller that writes every one of them.
inline Image unwritten_image(Extent2 size, int channels) {
    return Image{size.h, size.w, channels, PixelBytes(static_cast<std::size_t>(size.h * size.w * channels))};
}

}  // namespace tconv::core
