// PNG encoding (8 or 16 bits, the image's channel count) into a byte sink, a file as it is made or memory:
// per-row filters chosen on every thread; the zlib stream from ISA-L on every thread, in segments
// written in order (levels 1-2), or from one libdeflate call (0 and 3-12).
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/extent.hpp"
#include "core/image/image.hpp"
#include "core/image/pixel_allocator.hpp"
#include "core/image/row_stream.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/byte_sink.hpp"

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

/// Encodes an image of `size` (rows x columns) and `channels` (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA)
/// whose rows come from `rows`, as a PNG of options.depth bits written to `sink` as it is made. `rows`
/// is called once per band or segment, from up to `threads` (>= 1) threads at once, each of which also
/// filters (and at levels 1 and 2 deflates) its rows: no full-size copy of the pixels is made. At
/// levels 1 and 2 each segment goes to the sink once it and those before it are compressed, so memory
/// stays at a few segments per thread; levels 0 and 3-12 hold the filtered rows that libdeflate needs.
/// Throws IoError with an empty file name (the caller knows the output path) if the image is too
/// large for PNG or the compressor fails, std::bad_alloc when out of memory, and what `rows` or `sink`
/// throw. `metadata` is written before the image data (put_png_metadata).
void encode_png_rows(core::Extent2 size, int channels, const core::RowProducer& rows, const PngOptions& options, int threads,
                     ByteSink& sink, const ImageMetadata& metadata = {});

/// Encodes `image` as a PNG of its own depth in memory (encode_png_rows over its rows; options.depth is
/// not used). Throws as encode_png_rows.
std::vector<std::uint8_t> encode_png(const core::Image& image, const PngOptions& options = {}, int threads = 1,
                                     const ImageMetadata& metadata = {});

}  // namespace tconv::io
