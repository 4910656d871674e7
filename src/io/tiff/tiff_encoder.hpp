// TIFF encoding with libtiff, to memory or as rows come: 8- or 16-bit grey, grey+alpha, RGB or RGBA (unassociated alpha, as
// PNG's), deflate-compressed strips with the horizontal predictor.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"
#include "core/image/row_stream.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/byte_sink.hpp"

namespace tconv::io {

/// Encodes `image` (1-4 channels) with `metadata`'s ICC profile, resolution and orientation. Throws
/// IoError with an empty file name if libtiff fails.
std::vector<std::uint8_t> encode_tiff(const core::Image& image, const ImageMetadata& metadata = {});

/// Encodes an image of `size`, `channels` and `depth` (8, or 16 in host order) whose rows come from
/// `rows` (called for blocks of rows in order, up to `threads` at once) to `sink`, each strip as its
/// rows are in: the same bytes as encode_tiff, with no full-size image. Throws as encode_tiff, and what
/// `rows` or `sink` throw.
void encode_tiff_rows(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, int threads, ByteSink& sink,
                      const ImageMetadata& metadata = {});

}  // namespace tconv::io
