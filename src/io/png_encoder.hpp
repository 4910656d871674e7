// PNG encoding to memory (8-bit, the image's channel count), never straight to a file.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.hpp"

namespace tconv::io {

/// Encodes `image` as an 8-bit PNG in memory. Throws IoError with an empty file name (the caller
/// knows the output path) if the encoder fails.
std::vector<std::uint8_t> encode_png(const core::Image& image);

}  // namespace tconv::io
