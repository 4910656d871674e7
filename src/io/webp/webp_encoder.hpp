// WebP encoding with libwebp, to memory: lossy at a quality or lossless; grey is written as RGB.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"
#include "io/metadata/image_metadata.hpp"

namespace tconv::io {

/// Encodes `image` (any of 1-4 channels; alpha kept) lossy at `quality` 1..100, or lossless.
/// With `metadata`'s ICC profile and EXIF (as ICCP and EXIF chunks). Throws IoError with an empty file
/// name if libwebp fails (e.g. a side over 16383).
std::vector<std::uint8_t> encode_webp(const core::Image& image, int quality, bool lossless, const ImageMetadata& metadata = {});

}  // namespace tconv::io
