// TIFF decoding with libtiff: its first image (directory), any compression; grey and RGB strips of 8
// or 16 bits as stored, every other layout libtiff's RGBA interface reads (palettes, CMYK, YCbCr,
// tiles, other depths) through it, which turns them upright from the Orientation tag.
#pragma once
#include <cstdint>
#include <vector>

#include "io/byte_source.hpp"
#include "io/loaded_image.hpp"

namespace tconv::io {

/// Decodes the TIFF read from `source` (its first bytes `head` already read; the rest is read before
/// the directory, which may sit anywhere in the file). Grey 1 channel, grey+alpha 2, RGB 3, RGB+alpha
/// 4 (palettes, CMYK and YCbCr as RGB); 16-bit grey and RGB strips stay 16-bit; other
/// 16-bit layouts keep the high byte (LoadedImage::reduced_from_16_bit). Throws IoError.
LoadedImage decode_tiff(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits);

}  // namespace tconv::io
