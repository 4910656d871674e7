// Image: pixels of 8 or 16 bits per sample, rows x columns x channels, channels interleaved.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "core/geometry/extent.hpp"
#include "core/image/pixel_allocator.hpp"

namespace tconv::core {

/// An image, row-major with interleaved channels: pixel (y, x) channel c is sample
/// (y * width + x) * channels + c. channels is 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA). With
/// depth 8 each sample is one byte of `pixels` (0..255); with depth 16 each is a native-endian
/// std::uint16_t (0..65535) taking two bytes, so that geometry (crops, turns, edge pads) moves
/// sample_bytes()-wide samples without knowing their values.
struct Image {
    std::int64_t height = 0;
    std::int64_t width = 0;
    int channels = 0;
    PixelBytes pixels;
    int depth = 8;  ///< bits per sample: 8 or 16

    Extent2 size() const { return {height, width}; }
    std::size_t sample_bytes() const { return depth == 16 ? 2 : 1; }
    /// The largest sample value: 255 or 65535.
    int max_value() const { return depth == 16 ? 65535 : 255; }
    /// The sample of an 8-bit image.
    std::uint8_t at(std::int64_t y, std::int64_t x, int c) const {
        return pixels[static_cast<std::size_t>((y * width + x) * channels + c)];
    }
    /// The sample at any depth.
    std::uint16_t sample(std::int64_t y, std::int64_t x, int c) const {
        const auto i = static_cast<std::size_t>((y * width + x) * channels + c);
        if (depth != 16) return pixels[i];
        std::uint16_t v = 0;
        std::memcpy(&v, pixels.data() + 2 * i, 2);
        return v;
    }
};

/// A zero-filled image of the given size, channel count and depth (8 or 16).
inline Image blank_image(Extent2 size, int channels, int depth = 8) {
    const std::size_t bytes = static_cast<std::size_t>(size.h * size.w * channels) * (depth == 16 ? 2 : 1);
    return Image{size.h, size.w, channels, PixelBytes(bytes, 0), depth};
}

/// An image whose pixels are not yet written: for a caller that writes every one of them.
inline Image unwritten_image(Extent2 size, int channels, int depth = 8) {
    const std::size_t bytes = static_cast<std::size_t>(size.h * size.w * channels) * (depth == 16 ? 2 : 1);
    return Image{size.h, size.w, channels, PixelBytes(bytes), depth};
}

}  // namespace tconv::core
