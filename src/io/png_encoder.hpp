// PNG encoding to memory (8-bit, the image's channel count), never straight to a file: per-row
// filters chosen in parallel row bands, then one zlib stream from libdeflate.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "core/extent.hpp"
#include "core/image.hpp"
#include "core/row_convolver.hpp"

namespace tconv::io {

/// The `--compression` range: 0 stores the pixels uncompressed, 12 is the smallest and slowest.
inline constexpr int min_png_compression = 0;
inline constexpr int max_png_compression = 12;
/// The default favours speed; it is the level the benchmark's timings use.
inline constexpr int default_png_compression = 2;

/// How to encode: the compression level (min_png_compression..max_png_compression; the libdeflate
/// level, with more row filters tried from level 3 on) and the threads that compute and filter rows.
struct PngOptions {
    int compression = default_png_compression;
    int threads = 1;
};

/// Produces rows y0 .. y1-1 in order into `sink`. Called once per band of rows, from several threads
/// at once (on different bands) when PngOptions::threads > 1.
using RowProducer = std::function<void(std::int64_t y0, std::int64_t y1, const core::RowSink& sink)>;

/// Encodes an image of `size` (rows x columns) and `channels` (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA)
/// whose rows come from `rows`, as an 8-bit PNG in memory, with no full-size copy of the pixels
/// beside the filtered rows that deflate needs. Throws IoError with an empty file name (the caller
/// knows the output path) if the image is too large for PNG or the compressor fails.
std::vector<std::uint8_t> encode_png_rows(core::Extent2 size, int channels, const RowProducer& rows,
                                          const PngOptions& options = {});

/// Encodes `image` as an 8-bit PNG in memory (encode_png_rows over its rows). Throws as encode_png_rows.
std::vector<std::uint8_t> encode_png(const core::Image& image, const PngOptions& options = {});

}  // namespace tconv::io
