// PNG decoding with libspng: every chunk CRC checked, the IHDR checked against the caps before any
// pixel is inflated, and nothing accepted after IEND.
#pragma once
#include <cstdint>
#include <span>

#include "io/input/byte_source.hpp"
#include "io/input/image_reader.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// Decodes the PNG read from `source`, whose first bytes `head` (at least the 8-byte signature) were
/// already read. Keeps the file's channels: grey 1, grey+alpha 2, RGB 3, RGBA 4; a palette gives RGB,
/// and a tRNS chunk adds alpha. Bit depths under 8 are scaled to 8; 16-bit images stay 16-bit (a
/// depth 16 image). Throws IoError for a bad CRC, a truncated or corrupt file, bytes after IEND, or a header over
/// the caps.
LoadedImage decode_png(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits);

/// The PNG read from `source` (first bytes `head`, copied) opened for its rows: streamed unless it is
/// interlaced (then decoded whole here). Its finish() throws ReadWholeInstead when a chunk that may
/// hold metadata followed the image data. Throws IoError as decode_png.
std::unique_ptr<ImageReader> open_png(std::unique_ptr<ByteSource> source, std::span<const std::uint8_t> head,
                                      const LoadLimits& limits);

}  // namespace tconv::io
