// JPEG decoding with libjpeg-turbo: exactly libjpeg's pixels (as ImageMagick, vips and PIL decode
// them), baseline and progressive, grey, YCbCr, RGB and CMYK.
#pragma once
#include <cstdint>
#include <span>

#include "io/input/byte_source.hpp"
#include "io/input/image_reader.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// Decodes the JPEG read from `source`, whose first bytes `head` were already read. Grey gives 1
/// channel; everything else RGB (CMYK and YCCK as R = (255 - C)(255 - K) / 255 rounded, and so on).
/// The frame header is checked against the caps before any scan is decoded. Throws IoError for a
/// corrupt or truncated file (libjpeg's reason in parentheses).
LoadedImage decode_jpeg(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits);

/// The JPEG read from `source` (first bytes `head`, copied) opened for its scanlines. Throws IoError as
/// decode_jpeg; its finish() refuses a truncated file.
std::unique_ptr<ImageReader> open_jpeg(std::unique_ptr<ByteSource> source, std::span<const std::uint8_t> head,
                                       const LoadLimits& limits);

}  // namespace tconv::io
