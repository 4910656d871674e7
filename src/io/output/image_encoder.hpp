// Encoding a whole image in any output format but PNG (whose rows are streamed by png_encoder):
// the formats' options, and the one call that picks the encoder.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/output_format.hpp"

namespace tconv::io {

/// The `--quality` default and range (JPEG, WebP).
inline constexpr int default_quality = 90;
inline constexpr int min_quality = 1;
inline constexpr int max_quality = 100;

/// What a file is written as, beyond its format's own rules.
struct EncodeOptions {
    int quality = default_quality;  ///< JPEG and lossy WebP, 1..100
    bool lossless = false;          ///< WebP
};

/// Encodes `image` as `format` in memory, at the image's depth, with the `metadata` the format holds
/// (fit_metadata says which). Throws IoError with an empty file name when the encoder fails, the image
/// is too large for the format, or it is 16-bit and the format holds 8 bits at most (the caller
/// reduces it first, with a warning).
std::vector<std::uint8_t> encode_image(const core::Image& image, OutputFormat format, const EncodeOptions& options,
                                       const ImageMetadata& metadata = {});

}  // namespace tconv::io
