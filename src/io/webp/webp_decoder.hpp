// WebP decoding with libwebp: lossy and lossless, with or without alpha; of an animation the first
// frame, composed on its canvas as libwebp's animation decoder does.
#pragma once
#include <cstdint>
#include <vector>

#include "io/input/byte_source.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// Decodes the WebP read from `source`, whose first bytes `head` were already read: the canvas size is
/// checked against the caps before the rest is read. RGB, or RGBA when the file has alpha. Throws IoError.
LoadedImage decode_webp(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits);

}  // namespace tconv::io
