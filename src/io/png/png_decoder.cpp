// libspng behind tconv's caps: the IHDR first, pixels only when they fit, then the chunks to IEND.
// libspng inflates no more than the header's rows need; the image data it is handed is bounded too,
// so that a small image with megabytes of compressed data behind it (a decompression bomb) is
// refused as soon as the data passes what those rows could take.
#include "io/png/png_decoder.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <memory>
#include <spng.h>
#include <string>
#include <vector>

#include "io/io_error.hpp"
#include "io/metadata/exif_entries.hpp"
#include "io/png/png_metadata.hpp"

namespace tconv::io {
namespace {

/// Counts the IDAT payload bytes of a PNG byte stream as it passes (signature, then chunks of
/// length, type, data, CRC), whatever the reads' sizes, and notes an APNG's frame count (the first
/// 4 bytes of acTL) and whether a frame control (fcTL) comes before the image data, making the
/// image the animation's first frame.
class IdatCounter {
public:
    void feed(std::span<const std::uint8_t> bytes) {
        while (!bytes.empty()) {
            if (left_ == 0) {  // at a chunk header: collect its 8 bytes
                const std::size_t n = std::min<std::size_t>(8 - header_size_, bytes.size());
                std::copy_n(bytes.begin(), n, header_ + header_size_);
                header_size_ += n;
                bytes = bytes.subspan(n);
                if (header_size_ < 8) return;
                header_size_ = 0;
                const std::uint64_t length = std::uint64_t{header_[0]} << 24 | std::uint64_t{header_[1]} << 16 |
                                             std::uint64_t{header_[2]} << 8 | header_[3];
                in_idat_ = std::equal(header_ + 4, header_ + 8, "IDAT");
                // After the image data, a chunk other than IEND and an animation's frames (ignored)
                // may hold metadata: text, EXIF, a time stamp.
                if (idat_bytes_ > 0 && !in_idat_ && !std::equal(header_ + 4, header_ + 8, "IEND") &&
                    !std::equal(header_ + 4, header_ + 8, "fcTL") && !std::equal(header_ + 4, header_ + 8, "fdAT"))
                    chunks_after_image_ = true;
                in_actl_ = std::equal(header_ + 4, header_ + 8, "acTL");
                if (std::equal(header_ + 4, header_ + 8, "fcTL") && idat_bytes_ == 0) image_is_frame_ = true;
                data_left_ = length;
                left_ = length + 4;  // the data, then its CRC
                continue;
            }
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left_, bytes.size()));
            const std::uint64_t data = std::min<std::uint64_t>(n, data_left_);
            if (in_idat_) idat_bytes_ += data;
            for (std::uint64_t i = 0; in_actl_ && i < data && actl_seen_ < 4; ++i) {
                frames_ = frames_ << 8 | bytes[i];
                ++actl_seen_;
            }
            data_left_ -= data;
            left_ -= n;
            bytes = bytes.subspan(n);
        }
    }
    std::uint64_t idat_bytes() const { return idat_bytes_; }
    /// A chunk that may hold metadata came after the image data.
    bool chunks_after_image() const { return chunks_after_image_; }
    /// The APNG frames that are not the image decoded (0 for a plain PNG).
    std::uint64_t frames_besides_image() const {
        if (actl_seen_ < 4) return 0;
        return image_is_frame_ && frames_ > 0 ? frames_ - 1 : frames_;
    }

private:
    std::uint8_t header_[8] = {};
    std::size_t header_size_ = 0;
    std::uint64_t left_ = 8;  // the signature, skipped as a chunk of no interest
    std::uint64_t data_left_ = 0;
    bool in_idat_ = false;
    bool in_actl_ = false;
    bool image_is_frame_ = false;
    bool chunks_after_image_ = false;
    int actl_seen_ = 0;
    std::uint64_t frames_ = 0;
    std::uint64_t idat_bytes_ = 0;
};

/// libspng's read callback: `head` first, then the source; a read error is kept to be rethrown.
struct PngStream {
    std::span<const std::uint8_t> head;
    ByteSource* source;
    std::exception_ptr error;
    IdatCounter counter;
    std::uint64_t row_bytes = 0;  // what the IDAT inflates to, from the IHDR
    std::uint64_t max_idat_bytes = std::numeric_limits<std::uint64_t>::max();

    static int read(spng_ctx*, void* user, void* dst, std::size_t length) {
        auto* self = static_cast<PngStream*>(user);
        auto* out = static_cast<std::uint8_t*>(dst);
        const std::size_t from_head = std::min(length, self->head.size());
        std::copy_n(self->head.begin(), from_head, out);
        self->head = self->head.subspan(from_head);
        try {
            const std::size_t rest = length - from_head;
            if (rest > 0 && self->source->read(std::span(out + from_head, rest)) < rest) return SPNG_IO_EOF;
            self->counter.feed(std::span<const std::uint8_t>(out, length));
            if (self->counter.idat_bytes() > self->max_idat_bytes)
                throw IoError(self->source->name(), "cannot decode image (over " + std::to_string(self->max_idat_bytes) +
                                                        " bytes of compressed image data for " + std::to_string(self->row_bytes) +
                                                        " bytes of rows: a decompression bomb)");
        } catch (...) {
            self->error = std::current_exception();
            return SPNG_IO_ERROR;
        }
        return 0;
    }

    /// Compressed data may exceed the rows it holds (stored blocks, a flush per row) by this factor
    /// at most, plus slack; anything more is data the decoder would never inflate.
    static constexpr std::uint64_t compression_bound = 16;
};

/// The bytes of filtered rows an image's IDAT inflates to (Adam7 passes each add a filter byte per row).
std::uint64_t raw_row_bytes(const spng_ihdr& ihdr) {
    const int samples = ihdr.color_type == SPNG_COLOR_TYPE_GRAYSCALE         ? 1
                        : ihdr.color_type == SPNG_COLOR_TYPE_GRAYSCALE_ALPHA ? 2
                        : ihdr.color_type == SPNG_COLOR_TYPE_TRUECOLOR       ? 3
                        : ihdr.color_type == SPNG_COLOR_TYPE_INDEXED         ? 1
                                                                             : 4;
    const std::uint64_t bits = std::uint64_t{ihdr.width} * static_cast<std::uint64_t>(samples) * ihdr.bit_depth;
    return std::uint64_t{ihdr.height} * ((bits + 7) / 8 + 1) +
           (ihdr.interlace_method != 0 ? 7 * (std::uint64_t{ihdr.height} + 8) : 0);
}

/// The libspng output format for a PNG's colour type, depth and tRNS, and the channels it gives.
struct PngLayout {
    int format;
    int channels;
};

PngLayout layout_of(const spng_ihdr& ihdr, bool has_trns) {
    const bool wide = ihdr.bit_depth == 16;
    switch (ihdr.color_type) {
        case SPNG_COLOR_TYPE_GRAYSCALE:
            if (has_trns) return {wide ? SPNG_FMT_GA16 : SPNG_FMT_GA8, 2};
            return {wide ? SPNG_FMT_PNG : SPNG_FMT_G8, 1};
        case SPNG_COLOR_TYPE_GRAYSCALE_ALPHA: return {SPNG_FMT_PNG, 2};
        case SPNG_COLOR_TYPE_TRUECOLOR:
            if (has_trns) return {wide ? SPNG_FMT_RGBA16 : SPNG_FMT_RGBA8, 4};
            return {wide ? SPNG_FMT_PNG : SPNG_FMT_RGB8, 3};
        case SPNG_COLOR_TYPE_INDEXED: return has_trns ? PngLayout{SPNG_FMT_RGBA8, 4} : PngLayout{SPNG_FMT_RGB8, 3};
        default: return {wide ? SPNG_FMT_RGBA16 : SPNG_FMT_RGBA8, 4};
    }
}

/// One PNG being decoded: the header read and checked when constructed, then the pixels whole or row
/// by row, then the chunks to IEND.
class PngDecoding {
public:
    PngDecoding(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits)
        : name_(source.name()), source_(source), ctx_(spng_ctx_new(0), spng_ctx_free) {
        if (!ctx_) throw std::bad_alloc();
        stream_ = PngStream{head, &source, nullptr, {}, 0, std::numeric_limits<std::uint64_t>::max()};
        // Every chunk's CRC is checked: a bad ancillary chunk is refused too, as libpng and PIL do.
        spng_set_crc_action(ctx(), SPNG_CRC_ERROR, SPNG_CRC_ERROR);
        // Ancillary chunks (text, profiles) are held in memory: bounded, apart from the pixel cap. A
        // streamed chunk is read whole into one buffer of its stated length, so no chunk may claim more
        // than the file can hold.
        const auto chunk_limit = static_cast<std::size_t>(std::min<std::uint64_t>(limits.max_file_bytes, std::uint64_t{1} << 26));
        spng_set_chunk_limits(ctx(), chunk_limit, std::size_t{1} << 26);
        check(spng_set_png_stream(ctx(), PngStream::read, &stream_), "not a readable image");
        check(spng_get_ihdr(ctx(), &ihdr_), "not a readable image");
        // The channels before tRNS is read: an RGB or grey image with one gains an alpha channel later.
        check_header_size(name_, ihdr_.width, ihdr_.height, limits, layout_of(ihdr_, false).channels,
                          ihdr_.bit_depth == 16 ? 16 : 8);
        stream_.row_bytes = raw_row_bytes(ihdr_);
        stream_.max_idat_bytes = PngStream::compression_bound * stream_.row_bytes + (std::uint64_t{1} << 16);
        spng_trns trns{};
        const int trns_status = spng_get_trns(ctx(), &trns);
        if (trns_status != SPNG_ECHUNKAVAIL) check(trns_status, "not a readable image");
        has_trns_ = trns_status == 0;
        layout_ = layout_of(ihdr_, has_trns_);
        check(spng_decoded_image_size(ctx(), layout_.format, &image_bytes_), "not a readable image");
        bytes_per_sample_ = image_bytes_ / (std::size_t{ihdr_.width} * ihdr_.height * static_cast<std::size_t>(layout_.channels));
    }

    bool interlaced() const { return ihdr_.interlace_method != 0; }

    /// An image of the header's shape; its pixels are written by decode_whole, or left empty.
    core::Image header_image(bool with_pixels) const {
        // libspng gives 16-bit samples in host order (SPNG_FMT_PNG and the 16-bit formats alike), as Image holds them.
        const int depth = bytes_per_sample_ == 2 ? 16 : 8;
        if (with_pixels) return core::unwritten_image({ihdr_.height, ihdr_.width}, layout_.channels, depth);
        return core::Image{ihdr_.height, ihdr_.width, layout_.channels, {}, depth};
    }

    void decode_whole(core::Image& image) {
        check(spng_decode_image(ctx(), image.pixels.data(), image_bytes_, layout_.format, decode_flags()), "cannot decode image");
    }

    /// Starts row-by-row decoding (the chunks before the image data are read by then).
    void start_rows() {
        check(spng_decode_image(ctx(), nullptr, 0, layout_.format, decode_flags() | SPNG_DECODE_PROGRESSIVE),
              "cannot decode image");
    }

    void decode_row(std::uint8_t* row) {
        const int status = spng_decode_row(ctx(), row, image_bytes_ / ihdr_.height);
        if (status != SPNG_EOI) check(status, "cannot decode image");
    }

    /// The chunks after the image, to IEND, each with its CRC; then the file must end. Fills the
    /// metadata and frame count into `out`.
    void finish(LoadedImage& out) {
        check(spng_decode_chunks(ctx()), "cannot decode image");
        std::uint8_t extra = 0;
        if (!stream_.head.empty() || source_.read(std::span(&extra, 1)) != 0)
            throw IoError(name_, "cannot decode image (bytes after the IEND chunk)");
        read_facts(out);
    }

    /// The metadata, orientation and frame count read so far.
    void read_facts(LoadedImage& out) {
        out.metadata = read_png_metadata(ctx());
        out.orientation = exif_orientation(out.metadata.exif);
        out.ignored_frames = static_cast<int>(std::min<std::uint64_t>(stream_.counter.frames_besides_image(), 1u << 30));
    }

    bool chunks_after_image() const { return stream_.counter.chunks_after_image(); }

private:
    spng_ctx* ctx() const { return ctx_.get(); }
    int decode_flags() const { return has_trns_ ? SPNG_DECODE_TRNS : 0; }
    void check(int status, const char* what) {
        if (stream_.error) std::rethrow_exception(stream_.error);
        if (status == SPNG_IO_EOF) throw IoError(name_, std::string(what) + " (the file is truncated)");
        if (status != 0) throw IoError(name_, std::string(what) + " (" + spng_strerror(status) + ")");
    }

    const std::string& name_;
    ByteSource& source_;
    std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx_;
    PngStream stream_{};
    spng_ihdr ihdr_{};
    bool has_trns_ = false;
    PngLayout layout_{};
    std::size_t image_bytes_ = 0;
    std::size_t bytes_per_sample_ = 1;
};

/// A PNG read row by row: the source and the decoding live as long as the reader.
class PngRowReader final : public ImageReader {
public:
    PngRowReader(std::unique_ptr<ByteSource> source, std::span<const std::uint8_t> head, const LoadLimits& limits)
        : head_(head.begin(), head.end()), source_(std::move(source)), png_(*source_, head_, limits) {}

    /// Reads the header and the chunks before the image data; false when the image is interlaced.
    bool start() {
        if (png_.interlaced()) return false;
        png_.start_rows();
        loaded_.image = png_.header_image(false);
        png_.read_facts(loaded_);
        how_ = "PNG rows (libspng, streamed)";
        return true;
    }
    bool streams() const override { return true; }
    void read_row(std::uint8_t* row) override { png_.decode_row(row); }
    void finish() override {
        png_.finish(loaded_);
        if (png_.chunks_after_image()) throw ReadWholeInstead();
    }
    PngDecoding& decoding() { return png_; }

private:
    std::vector<std::uint8_t> head_;
    std::unique_ptr<ByteSource> source_;
    PngDecoding png_;
};

LoadedImage decode_whole_png(PngDecoding& png) {
    LoadedImage out;
    out.image = png.header_image(true);
    png.decode_whole(out.image);
    png.finish(out);
    return out;
}

}  // namespace

LoadedImage decode_png(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits) {
    PngDecoding png(source, head, limits);
    return decode_whole_png(png);
}

std::unique_ptr<ImageReader> open_png(std::unique_ptr<ByteSource> source, std::span<const std::uint8_t> head,
                                      const LoadLimits& limits) {
    auto reader = std::make_unique<PngRowReader>(std::move(source), head, limits);
    if (reader->start()) return reader;
    return whole_image_reader(decode_whole_png(reader->decoding()), "PNG (interlaced: decoded whole)");
}

}  // namespace tconv::io
