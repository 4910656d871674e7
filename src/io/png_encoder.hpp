// PNG encoding to memory (8 or 16 bits, the image's channel count), never straight to a file: per-row
// filters chosen in parallel row bands; the zlib stream from ISA-L on every thread (levels 1-2) or from
// one libdeflate call (0 and 3-12).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/extent.hpp"
#include "core/image.hpp"
#include "core/pixel_allocator.hpp"
#include "core/row_stream.hpp"
#include "io/image_metadata.hpp"

namespace tconv::io {

/// The `--compression` range: 0 stores the pixels uncompressed, 1 is the fastest compression, 12 the
/// smallest and slowest.
inline constexpr int min_png_compression = 0;
inline constexpr int max_png_compression = 12;
/// The default favours speed (ISA-L on every thread, all five row filters); it is the level the
/// benchmark's timings use.
inline constexpr int default_png_compression = 2;

/// What the file holds: the compression level (min_png_compression..max_png_compression: 0 stores; 1
/// and 2 are ISA-L's levels 1 and 2, deflating on every thread; 3..12 are libdeflate's, one call after
/// the rows are filtered) and, at 1 and 2, how the zlib stream is cut into segments.
struct PngOptions {
    int compression = default_png_compression;
    /// Levels 1 and 2: rows per independently deflated segment of the zlib stream, the unit the
    /// threads share; 0 picks about 1 MiB of rows. The output depends on it, never on the threads.
    std::int64_t segment_rows = 0;
    /// Bits per sample of the rows and the file: 8, or 16 (rows of native-endian std::uint16_t samples,
    /// written big-endian as PNG stores them).
    int depth = 8;
};

/// An encoded PNG file in pieces, in order: head, each of body, tail. The compressed rows stay in the
/// buffers their threads filled, so writing the file (write_file_atomically of spans()) copies them once.
struct PngPieces {
    std::vector<std::uint8_t> head;
    std::vector<core::PixelBytes> body;
    std::vector<std::uint8_t> tail;
    /// Every piece in order, as write_file_atomically takes them.
    std::vector<std::span<const std::uint8_t>> spans() const;
    /// The whole file in one buffer.
    std::vector<std::uint8_t> joined() const;
};

/// Encodes an image of `size` (rows x columns) and `channels` (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA)
/// whose rows come from `rows`, called once per band from `threads` (>= 1) threads at once, each of
/// which also filters (and at levels 1 and 2 deflates) its rows, as a PNG of options.depth bits in memory (in pieces), with no
/// full-size copy of the pixels (levels 0 and 3-12 hold the filtered rows that libdeflate needs; 1 and 2 hold none). Throws
/// IoError with an empty file name (the caller knows the output path) if the image is too large for PNG or the compressor fails,
/// std::bad_alloc when out of memory. `metadata` is written before the image data (put_png_metadata).
PngPieces encode_png_rows(core::Extent2 size, int channels, const core::RowProducer& rows, const PngOptions& options, int threads,
                          const ImageMetadata& metadata = {});

/// Encodes `image` as a PNG of its own depth in memory (encode_png_rows over its rows; options.depth is
/// not used). Throws as encode_png_rows.
std::vector<std::uint8_t> encode_png(const core::Image& image, const PngOptions& options = {}, int threads = 1,
                                     const ImageMetadata& metadata = {});

}  // namespace tconv::io
