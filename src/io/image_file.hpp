// Decoding images with stb_image: every format it reads (PNG, JPEG, BMP, TGA, GIF first frame,
// PNM, PSD, HDR, PIC), with the header checked against pixel caps before any pixel is decoded.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "core/image.hpp"

namespace tconv::io {

/// Caps that keep a hostile header from allocating more than the user allows.
struct LoadLimits {
    std::int64_t max_pixels = std::int64_t{1} << 28;        ///< width * height of the input
    std::uint64_t max_file_bytes = std::uint64_t{1} << 31;  ///< encoded size read into memory
};

/// A decoded image and what the decoder did to it.
struct LoadedImage {
    core::Image image;
    bool reduced_from_16_bit = false;  ///< a 16-bit PNG/PNM was reduced to 8 bits (stb keeps the high byte)
};

/// Decodes an encoded image held in memory; `name` is used in errors. Keeps the file's channel
/// count (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA; palettes expand to RGB/RGBA). Throws IoError with
/// stb's reason in parentheses for an empty, truncated or unknown file, or one over the caps.
LoadedImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits);

/// Reads and decodes `path` ("-" is standard input). Throws IoError.
LoadedImage load_image(const std::string& path, const LoadLimits& limits);

}  // namespace tconv::io
