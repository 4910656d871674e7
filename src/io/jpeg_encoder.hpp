// JPEG encoding with libjpeg-turbo, to memory: grey stays grey, RGB is written as YCbCr, 4:2:0 below
// quality 90 and 4:4:4 from 90, as ImageMagick and vips choose.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.hpp"
#include "io/image_metadata.hpp"

namespace tconv::io {

/// Encodes `image` (1 grey or 3 RGB channels; 2 and 4 lose their alpha, the caller having said so)
/// at `quality` 1..100, with `metadata`'s ICC profile, EXIF and density. Throws IoError with an empty
/// file name if libjpeg fails.
std::vector<std::uint8_t> encode_jpeg(const core::Image& image, int quality, const ImageMetadata& metadata = {});

}  // namespace tconv::io
