// What --max-pixels counts of an image: its pixels, or, when a pixel holds more than an 8-bit RGBA
// pixel's 4 bytes (16-bit RGB, a layer's many channels, float32 values), its bytes in 4-byte pixels,
// so that every image is held to the same memory, whatever it holds per pixel.
#pragma once
#include <cstdint>

#include "core/geometry/extent.hpp"

namespace tconv::core {

/// The bytes one counted pixel may hold: 8-bit RGBA.
inline constexpr std::int64_t counted_pixel_bytes = 4;

/// An image as it is held: `frames` (an animation's) of `size` pixels, each `channels` samples of
/// `sample_bytes` (1 for 8 bits, 2 for 16, 4 for float32).
struct ImageFootprint {
    Extent2 size;
    std::int64_t channels = 1;
    std::int64_t sample_bytes = 1;
    std::int64_t frames = 1;
};

/// A pixel of `f` holds more than counted_pixel_bytes.
bool counts_bytes(const ImageFootprint& f);

/// frames x the pixels of one frame, or, when counts_bytes, frames x its bytes / counted_pixel_bytes
/// (rounded up). Saturates at INT64_MAX.
std::int64_t counted_pixels(const ImageFootprint& f);

/// frames x pixels x channels x sample_bytes, saturating at INT64_MAX.
std::int64_t footprint_bytes(const ImageFootprint& f);

}  // namespace tconv::core
