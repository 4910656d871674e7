// TIFF encoding with libtiff, to memory: 8- or 16-bit grey, grey+alpha, RGB or RGBA (unassociated alpha, as
// PNG's), deflate-compressed strips with the horizontal predictor.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"
#include "io/metadata/image_metadata.hpp"

namespace tconv::io {

/// Encodes `image` (1-4 channels) with `metadata`'s ICC profile, resolution and orientation. Throws
/// IoError with an empty file name if libtiff fails.
std::vector<std::uint8_t> encode_tiff(const core::Image& image, const ImageMetadata& metadata = {});

}  // namespace tconv::io
