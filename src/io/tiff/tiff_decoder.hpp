// TIFF decoding with libtiff: its first image (directory), any compression; grey and RGB samples as
// stored (tiff_samples: strips or tiles, any planar configuration, unsigned, signed or float), every
// other layout libtiff's RGBA interface reads (palettes, CMYK, YCbCr, other depths) through it, which
// turns them upright from the Orientation tag.
#pragma once
#include <cstdint>
#include <vector>

#include "io/input/byte_source.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// Decodes the TIFF read from `source` (its first bytes `head` already read; the rest is read before
/// the directory, which may sit anywhere in the file). Grey 1 channel, grey+alpha 2, RGB 3, RGB+alpha
/// 4 (palettes, CMYK and YCbCr as RGB), alpha straight; grey and RGB of 16 bits and floats are
/// 16-bit; other 16-bit layouts keep the high byte (LoadedImage::reduced_from_16_bit). Throws IoError.
LoadedImage decode_tiff(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits);

}  // namespace tconv::io
