// Encoding an image in any output format: whole, or as its rows come for the formats whose encoder
// takes rows (PNG and JPEG have their own row encoders, which take their own options); the formats'
// options, and the one call that picks the encoder.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"
#include "core/image/row_stream.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/byte_sink.hpp"
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

/// True when encode_image_rows writes `format` as its rows come: TIFF, PNM, PAM, BMP and TGA.
bool encodes_rows(OutputFormat format);

/// Encodes, as `format` (encodes_rows), an image of `size`, `channels` and `depth` whose rows come
/// from `rows` (called for blocks of rows in order, up to `threads` at once) to `sink` as they are
/// encoded: the bytes encode_image writes, with no full-size image. Throws as encode_image, and what
/// `rows` or `sink` throw.
void encode_image_rows(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, OutputFormat format,
                       int threads, ByteSink& sink, const ImageMetadata& metadata = {});

}  // namespace tconv::io
