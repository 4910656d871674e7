// TIFF decoding with libtiff: its first image (directory), any compression; grey and RGB samples as
// stored (tiff_samples: strips or tiles, any planar configuration, unsigned, signed or float), every
// other layout libtiff's RGBA interface reads (palettes, CMYK, YCbCr, other depths) through it, which
// turns them upright from the Orientation tag.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "io/input/byte_source.hpp"
#include "io/input/image_reader.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// Decodes the TIFF read from `source` (its first bytes `head` already read; the rest is read before
/// the directory, which may sit anywhere in the file). Grey 1 channel, grey+alpha 2, RGB 3, RGB+alpha
/// 4 (palettes, CMYK and YCbCr as RGB), alpha straight; grey and RGB of 16 bits and floats are
/// 16-bit; other 16-bit layouts keep the high byte (LoadedImage::reduced_from_16_bit). Throws IoError.
LoadedImage decode_tiff(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits);

/// Opens the TIFF at source->name() (its first bytes `head` already read from `source`) for its rows:
/// grey and RGB samples read as stored stream a strip, or a row of tiles, at a time from the file,
/// which libtiff reads where it asks. Decoded whole (decode_tiff), and said so in how(): standard
/// input and other files that cannot seek, and the layouts read through the RGBA interface. Throws
/// IoError as decode_tiff does; the reader's read_row throws IoError for a strip or tile that cannot
/// be decoded (a truncated file).
std::unique_ptr<ImageReader> open_tiff(std::unique_ptr<ByteSource> source, std::vector<std::uint8_t> head,
                                       const LoadLimits& limits);

}  // namespace tconv::io
