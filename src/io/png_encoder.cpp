// A PNG writer. Rows are filtered as they are produced, each band of rows on its own thread. At levels
// 1 and 2 (the default) each band's thread also deflates its rows with ISA-L, a few tens of rows at a
// time, into segments of the zlib stream (zlib_stream.hpp): no full-size filtered copy is held, and
// compression runs on every thread. Level 0 and levels 3-12 filter into one buffer that one libdeflate
// call compresses: one thread, but libdeflate's higher levels give the smallest files.
#include "io/png_encoder.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include <libdeflate.h>

#include "core/pixel_allocator.hpp"
#include "core/row_bands.hpp"
#include "io/io_error.hpp"
#include "io/png_chunk.hpp"
#include "io/png_metadata.hpp"
#include "io/png_row_filter.hpp"
#include "io/zlib_stream.hpp"

namespace tconv::io {
namespace {

constexpr std::array no_filter{PngFilter::none};
// Between them, Sub and Up catch both ways an upsampled image repeats (runs along a row, repeated rows).
constexpr std::array sub_and_up{PngFilter::sub, PngFilter::up};
constexpr std::array every_filter{PngFilter::none, PngFilter::sub, PngFilter::up, PngFilter::average, PngFilter::paeth};

/// What a `--compression` level does: the row filters tried, and the compressor.
struct LevelPlan {
    std::span<const PngFilter> filters;
    int isal_level = 0;        ///< > 0: ISA-L at this level, each band on its own thread
    int libdeflate_level = 0;  ///< when isal_level is 0: one libdeflate call at this level
};

/// `bytes` bytes of native-endian 16-bit samples at `src` as PNG's big-endian ones at `dst`. Compiled
/// for plain x86-64 and for AVX2 (a byte shuffle per 32 bytes), picked at run time.
__attribute__((target_clones("avx2", "default"))) void big_endian_samples(const std::uint8_t* __restrict src,
                                                                          std::uint8_t* __restrict dst, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; i += 2) {
        std::uint16_t v = 0;
        std::memcpy(&v, src + i, 2);
        if constexpr (std::endian::native == std::endian::little) v = static_cast<std::uint16_t>(v >> 8 | v << 8);
        std::memcpy(dst + i, &v, 2);
    }
}

/// Rows as PNG stores them: 8-bit rows as they come, 16-bit ones byte-swapped to big-endian into a
/// buffer of this band's own.
class PngRowBytes {
public:
    PngRowBytes(std::size_t row_bytes, int depth) : swapped_(depth == 16 ? row_bytes : 0) {}
    const std::uint8_t* operator()(const std::uint8_t* row) {
        if (swapped_.empty()) return row;
        big_endian_samples(row, swapped_.data(), swapped_.size());
        return swapped_.data();
    }

private:
    std::vector<std::uint8_t> swapped_;
};

/// 0 stores; 1 and 2 are ISA-L's levels 1 and 2, in parallel; 3-12 are libdeflate's, one call. Level 2
/// tries all five filters, which keeps the default within 15% of ImageMagick's size (bilinear x2 of a
/// 1024x1024 photo: 1.11x; 1.18x with Sub and Up alone).
LevelPlan plan_level(int level) {
    if (level == 0) return {no_filter, 0, 0};
    if (level == 1) return {sub_and_up, 1, 0};
    if (level == 2) return {every_filter, 2, 0};
    return {every_filter, 0, level};
}

/// The zlib stream of the filtered image, filtered into one buffer by `bands` threads, then deflated
/// by one libdeflate call.
core::PixelBytes deflate_whole(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, std::int64_t bands,
                               const LevelPlan& plan) {
    const int pixel_bytes = channels * (depth == 16 ? 2 : 1);
    const auto row_bytes = static_cast<std::size_t>(size.w * pixel_bytes);
    const std::size_t filtered_bytes = static_cast<std::size_t>(size.h) * (row_bytes + 1);
    core::PixelBytes filtered(filtered_bytes);  // every byte is written by the filters
    core::run_row_bands(size.h, bands, [&](std::int64_t y0, std::int64_t y1) {
        PngRowFilter filter(row_bytes, pixel_bytes, plan.filters);
        PngRowBytes png_row(row_bytes, depth);
        rows(y0 > 0 ? y0 - 1 : y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
            if (y < y0) return filter.keep(png_row(row));
            filter.filter(png_row(row), filtered.data() + static_cast<std::size_t>(y) * (row_bytes + 1));
        });
    });

    const std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
        libdeflate_alloc_compressor(plan.libdeflate_level), libdeflate_free_compressor);
    if (!compressor) throw IoError("", "cannot start the PNG compressor (out of memory)");
    core::PixelBytes zlib(libdeflate_zlib_compress_bound(compressor.get(), filtered_bytes));
    const std::size_t zlib_bytes =
        libdeflate_zlib_compress(compressor.get(), filtered.data(), filtered_bytes, zlib.data(), zlib.size());
    if (zlib_bytes == 0) throw IoError("", "PNG compression failed");
    zlib.resize(zlib_bytes);
    return zlib;
}

/// Rows per deflate segment when PngOptions::segment_rows is 0: about 1 MiB of filtered rows. Segments
/// are the unit the threads share, so smaller balances better; each starts with no history, which cost
/// only 0.05% in size at 1 MiB and 256 KiB alike (against one segment) on the README's benchmarks.
std::int64_t automatic_segment_rows(std::size_t row_stride) {
    constexpr std::size_t segment_target_bytes = std::size_t{1} << 20;
    return static_cast<std::int64_t>(std::max<std::size_t>(1, segment_target_bytes / row_stride));
}

/// The zlib stream of the filtered image in segments of `segment_rows` rows, deflated by ISA-L: each
/// of `threads` threads takes a band of whole segments, filters its rows a chunk at a time into a small
/// buffer and deflates the chunks. The segments depend on the image alone, so the bytes do not depend
/// on `threads`.
ZlibPieces deflate_segments(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, std::int64_t threads,
                            std::int64_t segment_rows, const LevelPlan& plan) {
    const int pixel_bytes = channels * (depth == 16 ? 2 : 1);
    const auto row_bytes = static_cast<std::size_t>(size.w * pixel_bytes);
    const std::size_t row_stride = row_bytes + 1;
    const std::int64_t segment_count = (size.h + segment_rows - 1) / segment_rows;
    // Enough rows per chunk that ISA-L's per-call overhead is small, few enough to stay in L2.
    constexpr std::size_t chunk_target_bytes = std::size_t{256} << 10;
    const auto chunk_rows =
        std::min(std::max<std::size_t>(1, chunk_target_bytes / row_stride), static_cast<std::size_t>(segment_rows));
    std::vector<DeflateSegment> segments(static_cast<std::size_t>(segment_count));
    core::run_row_bands(segment_count, std::min(threads, segment_count), [&](std::int64_t s0, std::int64_t s1) {
        const std::int64_t y0 = s0 * segment_rows, y1 = std::min(s1 * segment_rows, size.h);
        PngRowFilter filter(row_bytes, pixel_bytes, plan.filters);
        PngRowBytes png_row(row_bytes, depth);
        SegmentDeflater deflater(plan.isal_level);
        core::PixelBytes chunk(chunk_rows * row_stride);
        std::size_t filled = 0;
        rows(y0 > 0 ? y0 - 1 : y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
            if (y < y0) return filter.keep(png_row(row));
            filter.filter(png_row(row), chunk.data() + filled);
            filled += row_stride;
            const bool segment_ends = (y + 1) % segment_rows == 0 || y + 1 == size.h;
            if (filled == chunk.size() || segment_ends) {
                deflater.add(chunk.data(), filled);
                filled = 0;
            }
            if (segment_ends) segments[static_cast<std::size_t>(y / segment_rows)] = deflater.finish(y + 1 == size.h);
        });
    });
    return zlib_pieces(std::move(segments), plan.isal_level);
}

/// The PNG file: signature, IHDR, the metadata chunks, the zlib stream in IDAT chunks, IEND. A stream
/// that fits one IDAT chunk (all but the largest) keeps its pieces: the chunk's CRC runs over them in
/// place. A larger one is joined and cut into chunks of max_chunk bytes.
PngPieces png_file(core::Extent2 size, int channels, int depth, ZlibPieces zlib, const ImageMetadata& metadata) {
    static constexpr std::array<std::uint8_t, 8> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static constexpr std::array<std::uint8_t, 5> colour_type{0, 0, 4, 2, 6};  // by channel count
    constexpr std::size_t max_chunk = std::size_t{1} << 30;                   // PNG allows < 2^31
    PngPieces png;
    put_bytes(png.head, signature.data(), signature.size());
    // Width, height, then the bits per sample, the colour type, deflate, adaptive filters, no interlace.
    std::array<std::uint8_t, 13> header{
        0, 0, 0, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(depth), colour_type[static_cast<std::size_t>(channels)], 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        header[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(size.w >> (24 - 8 * i));
        header[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(size.h >> (24 - 8 * i));
    }
    put_chunk(png.head, "IHDR", header.data(), header.size());
    put_png_metadata(png.head, metadata);
    const std::size_t zlib_bytes = zlib.size();
    if (zlib_bytes <= max_chunk) {
        put_u32(png.head, static_cast<std::uint32_t>(zlib_bytes));
        const std::size_t type_at = png.head.size();
        put_bytes(png.head, "IDAT", 4);
        put_bytes(png.head, zlib.head.data(), zlib.head.size());
        // libdeflate_crc32 of a null buffer is the initial value, not `crc`: empty pieces are skipped.
        std::uint32_t crc = 0;
        const auto add_crc = [&crc](std::span<const std::uint8_t> piece) {
            if (!piece.empty()) crc = libdeflate_crc32(crc, piece.data(), piece.size());
        };
        add_crc(std::span(png.head).subspan(type_at));
        for (const core::PixelBytes& b : zlib.body) add_crc(b);
        add_crc(zlib.tail);
        png.body = std::move(zlib.body);
        png.tail = std::move(zlib.tail);
        put_u32(png.tail, crc);
    } else {
        std::vector<std::uint8_t> joined;
        joined.reserve(zlib_bytes);
        put_bytes(joined, zlib.head.data(), zlib.head.size());
        for (const core::PixelBytes& b : zlib.body) put_bytes(joined, b.data(), b.size());
        put_bytes(joined, zlib.tail.data(), zlib.tail.size());
        zlib.body.clear();
        for (std::size_t at = 0; at < joined.size(); at += max_chunk)
            put_chunk(png.tail, "IDAT", joined.data() + at, std::min(max_chunk, joined.size() - at));
    }
    put_chunk(png.tail, "IEND", nullptr, 0);
    return png;
}

}  // namespace

PngPieces encode_png_rows(core::Extent2 size, int channels, const core::RowProducer& rows, const PngOptions& options, int threads,
                          const ImageMetadata& metadata) {
    constexpr std::int64_t png_max_side = 0x7fffffff;
    const int depth = options.depth == 16 ? 16 : 8;
    const int pixel_bytes = channels * (depth / 8);
    if (size.h < 1 || size.w < 1 || size.h > png_max_side || size.w > png_max_side / pixel_bytes)
        throw IoError("", "image is too large for the PNG format");
    const LevelPlan plan = plan_level(std::clamp(options.compression, min_png_compression, max_png_compression));
    const std::int64_t bands = std::clamp<std::int64_t>(threads, 1, size.h);
    const std::int64_t segment_rows = options.segment_rows > 0
                                          ? std::min(options.segment_rows, size.h)
                                          : automatic_segment_rows(static_cast<std::size_t>(size.w * pixel_bytes) + 1);
    ZlibPieces zlib;
    if (plan.isal_level > 0)
        zlib = deflate_segments(size, channels, depth, rows, bands, segment_rows, plan);
    else
        zlib.body.push_back(deflate_whole(size, channels, depth, rows, bands, plan));  // header and checksum included
    return png_file(size, channels, depth, std::move(zlib), metadata);
}

std::vector<std::span<const std::uint8_t>> PngPieces::spans() const {
    std::vector<std::span<const std::uint8_t>> all{head};
    for (const core::PixelBytes& b : body) all.emplace_back(b);
    all.emplace_back(tail);
    return all;
}

std::vector<std::uint8_t> PngPieces::joined() const {
    std::size_t n = head.size() + tail.size();
    for (const core::PixelBytes& b : body) n += b.size();
    std::vector<std::uint8_t> all;
    all.reserve(n);
    for (const std::span<const std::uint8_t> piece : spans()) put_bytes(all, piece.data(), piece.size());
    return all;
}

std::vector<std::uint8_t> encode_png(const core::Image& image, const PngOptions& options, int threads,
                                     const ImageMetadata& metadata) {
    const auto row_bytes = static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes();
    PngOptions own = options;
    own.depth = image.depth;
    return encode_png_rows(
               image.size(), image.channels,
               [&](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
                   for (std::int64_t y = y0; y < y1; ++y) sink(y, image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
               },
               own, threads, metadata)
        .joined();
}

}  // namespace tconv::io
