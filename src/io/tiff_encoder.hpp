// TIFF encoding with libtiff, to memory: 8-bit grey, grey+alpha, RGB or RGBA (unassociated alpha, as
// PNG's), deflate-compressed strips with the horizontal predictor.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.hpp"

namespace tconv::io {

/// Encodes `image` (1-4 channels). Throws IoError with an empty file name if libtiff fails.
std::vector<std::uint8_t> encode_tiff(const core::Image& image);

}  // namespace tconv::io
