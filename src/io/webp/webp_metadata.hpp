// A WebP's metadata through libwebp's container API: the ICCP and EXIF chunks, read with WebPDemux
// and written with WebPMux.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "io/metadata/image_metadata.hpp"

namespace tconv::io {

/// The ICC profile and EXIF of the WebP file `bytes` (an EXIF chunk's "Exif\0\0" prefix, which some
/// writers add, removed); nothing when the container does not parse.
ImageMetadata read_webp_metadata(std::span<const std::uint8_t> bytes);

/// `webp` (a file from libwebp's encoder) with `metadata`'s ICC profile and EXIF as chunks of the
/// extended format; unchanged when there are none. Throws IoError with an empty file name if
/// libwebp's muxer fails.
std::vector<std::uint8_t> with_webp_metadata(std::vector<std::uint8_t> webp, const ImageMetadata& metadata);

}  // namespace tconv::io
