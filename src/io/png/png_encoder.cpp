// A PNG writer. Rows are filtered as they are produced, each band of rows on its own thread. At levels
// 1 and 2 (the default) each band's thread also deflates its rows with ISA-L, a few tens of rows at a
// time, into segments of the zlib stream (zlib_stream.hpp): no full-size filtered copy is held, and
// compression runs on every thread. Level 0 and levels 3-12 filter into one buffer that one libdeflate
// call compresses: one thread, but libdeflate's higher levels give the smallest files.
#include "io/png/png_encoder.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include <libdeflate.h>

#include "core/image/pixel_allocator.hpp"
#include "core/schedule/ordered_tasks.hpp"
#include "core/schedule/row_bands.hpp"
#include "io/io_error.hpp"
#include "io/output/byte_sink.hpp"
#include "io/png/png_chunk.hpp"
#include "io/png/png_metadata.hpp"
#include "io/png/png_row_filter.hpp"
#include "io/png/zlib_stream.hpp"

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

/// A PNG's image data as it is made: IDAT chunks of up to max_chunk bytes, each opened with a
/// placeholder length that is overwritten once the chunk is full or the data ends, its CRC computed as
/// the bytes pass. The chunks are those of the stream cut at every max_chunk bytes.
class IdatWriter {
public:
    explicit IdatWriter(ByteSink& sink) : sink_(sink) {}
    void add(std::span<const std::uint8_t> bytes) {
        while (!bytes.empty()) {
            if (!open_) start_chunk();
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), max_chunk - in_chunk_));
            crc_ = libdeflate_crc32(crc_, bytes.data(), n);
            sink_.write(bytes.first(n));
            in_chunk_ += n;
            bytes = bytes.subspan(n);
            if (in_chunk_ == max_chunk) end_chunk();
        }
    }
    /// add, handing the buffer over when it fits the open chunk.
    void add(core::PixelBytes&& bytes) {
        if (bytes.empty()) return;
        if (bytes.size() > max_chunk - (open_ ? in_chunk_ : 0)) return add(std::span<const std::uint8_t>(bytes));
        if (!open_) start_chunk();
        crc_ = libdeflate_crc32(crc_, bytes.data(), bytes.size());
        in_chunk_ += bytes.size();
        sink_.write(std::move(bytes));
        if (in_chunk_ == max_chunk) end_chunk();
    }
    /// Ends the last chunk.
    void finish() {
        if (open_) end_chunk();
    }

private:
    static constexpr std::uint64_t max_chunk = std::uint64_t{1} << 30;  // PNG allows < 2^31

    void start_chunk() {
        length_at_ = sink_.written();
        std::vector<std::uint8_t> header;
        put_u32(header, 0);
        put_bytes(header, "IDAT", 4);
        sink_.write(header);
        crc_ = libdeflate_crc32(0, header.data() + 4, 4);
        in_chunk_ = 0;
        open_ = true;
    }
    void end_chunk() {
        std::vector<std::uint8_t> bytes;
        put_u32(bytes, crc_);
        sink_.write(bytes);
        bytes.clear();
        put_u32(bytes, static_cast<std::uint32_t>(in_chunk_));
        sink_.overwrite(length_at_, bytes);
        open_ = false;
    }

    ByteSink& sink_;
    bool open_ = false;
    std::uint64_t length_at_ = 0;
    std::uint64_t in_chunk_ = 0;
    std::uint32_t crc_ = 0;
};

/// The zlib stream of the filtered image, filtered into one buffer by `bands` threads, then deflated
/// by one libdeflate call.
void deflate_whole(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, std::int64_t bands,
                   const LevelPlan& plan, IdatWriter& idat) {
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
    filtered = core::PixelBytes();
    idat.add(std::move(zlib));
}

/// Rows per deflate segment when PngOptions::segment_rows is 0: about 1 MiB of filtered rows, and at
/// least 4. Segments are the unit the threads share, so smaller balances better; each starts with no
/// history, which cost only 0.05% in size at 1 MiB and 256 KiB alike (against one segment) on the
/// README's benchmarks. Each also computes the row above its first for the filters, which the floor
/// of 4 keeps to a quarter of the work at most on the widest images.
std::int64_t automatic_segment_rows(std::size_t row_stride) { return core::rows_per_block(row_stride, 4); }

/// One thread's part of deflate_segments: its filter, compressor and chunk buffer, kept from one
/// segment to the next.
class SegmentWorker {
public:
    SegmentWorker(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, std::int64_t segment_rows,
                  std::size_t chunk_rows, const LevelPlan& plan)
        : size_(size),
          rows_(rows),
          segment_rows_(segment_rows),
          row_stride_(static_cast<std::size_t>(size.w * channels * (depth / 8)) + 1),
          filter_(row_stride_ - 1, channels * (depth / 8), plan.filters),
          png_row_(row_stride_ - 1, depth),
          deflater_(std::make_unique<SegmentDeflater>(plan.isal_level)),
          chunk_(chunk_rows * row_stride_) {}

    /// Filters and deflates segment `s`.
    DeflateSegment operator()(std::int64_t s) {
        const std::int64_t y0 = s * segment_rows_, y1 = std::min(y0 + segment_rows_, size_.h);
        std::size_t filled = 0;
        DeflateSegment segment;
        rows_(y0 > 0 ? y0 - 1 : y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
            if (y < y0) return filter_.keep(png_row_(row));
            filter_.filter(png_row_(row), chunk_.data() + filled);
            filled += row_stride_;
            if (filled == chunk_.size() || y + 1 == y1) {
                deflater_->add(chunk_.data(), filled);
                filled = 0;
            }
            if (y + 1 == y1) segment = deflater_->finish(y1 == size_.h);
        });
        return segment;
    }

private:
    core::Extent2 size_;
    const core::RowProducer& rows_;
    std::int64_t segment_rows_;
    std::size_t row_stride_;
    PngRowFilter filter_;
    PngRowBytes png_row_;
    std::unique_ptr<SegmentDeflater> deflater_;
    core::PixelBytes chunk_;
};

/// The zlib stream of the filtered image in segments of `segment_rows` rows, deflated by ISA-L and
/// written as they are done: each of `threads` threads takes the next segment, filters its rows a
/// chunk at a time into a small buffer and deflates the chunks; a finished segment goes out once those
/// before it have. The segments depend on the image alone, so the bytes do not depend on `threads`.
void deflate_segments(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, std::int64_t threads,
                      std::int64_t segment_rows, const LevelPlan& plan, IdatWriter& idat) {
    const std::size_t row_stride = static_cast<std::size_t>(size.w * channels * (depth / 8)) + 1;
    const std::int64_t segment_count = (size.h + segment_rows - 1) / segment_rows;
    // Enough rows per chunk that ISA-L's per-call overhead is small, few enough to stay in L2.
    constexpr std::size_t chunk_target_bytes = std::size_t{256} << 10;
    const auto chunk_rows =
        std::min(std::max<std::size_t>(1, chunk_target_bytes / row_stride), static_cast<std::size_t>(segment_rows));
    idat.add(zlib_header(plan.isal_level));
    std::uint32_t adler = 1;  // of no bytes
    core::run_in_order(
        segment_count, threads, 2 * threads,
        [&] { return SegmentWorker(size, channels, depth, rows, segment_rows, chunk_rows, plan); },
        [&](std::int64_t, DeflateSegment&& segment) {
            adler = adler32_combine(adler, segment.adler32, segment.input_bytes);
            idat.add(std::move(segment.bytes));
        });
    idat.add(zlib_trailer(adler));
}

/// The PNG signature and IHDR chunk.
std::vector<std::uint8_t> png_head(core::Extent2 size, int channels, int depth) {
    static constexpr std::array<std::uint8_t, 8> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static constexpr std::array<std::uint8_t, 5> colour_type{0, 0, 4, 2, 6};  // by channel count
    std::vector<std::uint8_t> head;
    put_bytes(head, signature.data(), signature.size());
    // Width, height, then the bits per sample, the colour type, deflate, adaptive filters, no interlace.
    std::array<std::uint8_t, 13> header{
        0, 0, 0, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(depth), colour_type[static_cast<std::size_t>(channels)], 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        header[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(size.w >> (24 - 8 * i));
        header[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(size.h >> (24 - 8 * i));
    }
    put_chunk(head, "IHDR", header.data(), header.size());
    return head;
}

}  // namespace

void encode_png_rows(core::Extent2 size, int channels, const core::RowProducer& rows, const PngOptions& options, int threads,
                     ByteSink& sink, const ImageMetadata& metadata) {
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
    std::vector<std::uint8_t> head = png_head(size, channels, depth);
    put_png_metadata(head, metadata);
    sink.write(head);
    IdatWriter idat(sink);
    if (plan.isal_level > 0)
        deflate_segments(size, channels, depth, rows, bands, segment_rows, plan, idat);
    else
        deflate_whole(size, channels, depth, rows, bands, plan, idat);  // zlib header and checksum included
    idat.finish();
    std::vector<std::uint8_t> tail;
    put_chunk(tail, "IEND", nullptr, 0);
    sink.write(tail);
}

std::vector<std::uint8_t> encode_png(const core::Image& image, const PngOptions& options, int threads,
                                     const ImageMetadata& metadata) {
    const auto row_bytes = static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes();
    PngOptions own = options;
    own.depth = image.depth;
    MemorySink file;
    encode_png_rows(
        image.size(), image.channels,
        [&](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
            for (std::int64_t y = y0; y < y1; ++y) sink(y, image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
        },
        own, threads, file, metadata);
    return file.joined();
}

}  // namespace tconv::io
