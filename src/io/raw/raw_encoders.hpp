// The uncompressed formats, written byte by byte: BMP, TGA, binary PNM (P5/P6) and PAM (P7).
#pragma once
#include <cstdint>
#include <vector>

#include <optional>

#include "core/image/image.hpp"
#include "io/metadata/image_metadata.hpp"

namespace tconv::io {

/// BMP and TGA take 8-bit images (encode_image refuses a 16-bit one for them).
/// BMP, bottom-up: 24-bit BGR, or with alpha 32-bit BGRA (a BITMAPV4HEADER whose masks name the
/// alpha byte); grey is spread to BGR; `resolution` (with a unit) as pixels per metre, else 72 dpi.
/// Throws IoError with an empty file name past 4 GiB.
std::vector<std::uint8_t> encode_bmp(const core::Image& image, const std::optional<Resolution>& resolution = {});

/// TGA, uncompressed, top-left origin: grey 8-bit (type 3), or BGR / BGRA (type 2; grey+alpha is
/// spread to BGRA). Throws IoError with an empty file name for a side over 65535.
std::vector<std::uint8_t> encode_tga(const core::Image& image);

/// P5 (grey) or P6 (RGB), max value 255 (8-bit) or 65535 (16-bit, big-endian samples); alpha is left
/// out (the caller said so).
std::vector<std::uint8_t> encode_pnm(const core::Image& image);

/// P7 with TUPLTYPE GRAYSCALE, GRAYSCALE_ALPHA, RGB or RGB_ALPHA, max value 255 or 65535 as encode_pnm.
std::vector<std::uint8_t> encode_pam(const core::Image& image);

}  // namespace tconv::io
