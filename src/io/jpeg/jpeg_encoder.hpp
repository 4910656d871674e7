// JPEG encoding with libjpeg-turbo, to memory: grey stays grey, RGB is written as YCbCr, 4:2:0 below
// quality 90 and 4:4:4 from 90, as ImageMagick and vips choose.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"
#include "core/image/row_stream.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/byte_sink.hpp"

namespace tconv::io {

/// Encodes `image` (1 grey or 3 RGB channels; 2 and 4 lose their alpha, the caller having said so)
/// at `quality` 1..100, with `metadata`'s ICC profile, EXIF and density. Throws IoError with an empty
/// file name if libjpeg fails.
std::vector<std::uint8_t> encode_jpeg(const core::Image& image, int quality, const ImageMetadata& metadata = {});

/// Whether an image of `size` and `channels` at `quality` gets Huffman tables made for it (libjpeg's
/// optimize_coding, as ImageMagick and PIL's optimize do: a file about a tenth smaller, the same
/// pixels). Those need the whole image's DCT coefficients in memory (2 bytes a sample after chroma
/// subsampling), so only an image whose coefficients take at most 16 MiB gets them; a larger one
/// gets the standard tables and streams, its memory following its width, as ImageMagick drops
/// optimize_coding when memory is short and vips never sets it.
bool jpeg_optimises_huffman(core::Extent2 size, int channels, int quality);

/// Encodes an image of `size` and `channels` whose rows come from `rows` (called for blocks of rows
/// in order, up to `threads` at once) to `sink` as it is compressed: no full-size image is made, and
/// no whole-image coefficients either unless jpeg_optimises_huffman. Throws as encode_jpeg, and what
/// `rows` or `sink` throw.
void encode_jpeg_rows(core::Extent2 size, int channels, const core::RowProducer& rows, int quality, int threads, ByteSink& sink,
                      const ImageMetadata& metadata = {});

}  // namespace tconv::io
