// libtiff writing through client procedures to a ByteSink as its strips are compressed; its messages go to this file's
// own handlers (per open, so threads do not share them).
#include "io/tiff/tiff_encoder.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <span>
#include <string>

#include <tiffio.h>

#include "io/io_error.hpp"
#include "io/output/ordered_rows.hpp"
#include "io/tiff/tiff_metadata.hpp"

namespace tconv::io {
namespace {

/// libtiff's file: bytes written to the sink after its first `base`, libtiff's position in them, and what went wrong.
struct TiffOutput {
    ByteSink* sink;
    std::uint64_t base;
    toff_t at = 0;
    std::string error;           ///< libtiff's first error message
    bool out_of_memory = false;  ///< the message could not be kept
    std::exception_ptr failure;  ///< what the sink threw
    toff_t size() const { return sink->written() - base; }
};

/// Why encoding failed, in words.
std::string failure(const TiffOutput& b) {
    return "cannot encode TIFF (" +
           (b.out_of_memory   ? std::string("out of memory")
            : b.error.empty() ? "libtiff failed"
                              : b.error) +
           ")";
}

// The procedures and handlers are called from libtiff's C frames, which no exception may cross: what
// the sink throws is kept and becomes a failed write, which libtiff reports as such. libtiff writing a
// new file appends strips and its directory and goes back only to bytes it wrote (the header's offset
// of the directory); it never reads.
tmsize_t read_proc(thandle_t, void*, tmsize_t) { return -1; }
tmsize_t write_proc(thandle_t h, void* src, tmsize_t n) {
    auto* b = static_cast<TiffOutput*>(h);
    if (b->failure) return 0;
    try {
        std::span<const std::uint8_t> bytes(static_cast<const std::uint8_t*>(src), static_cast<std::size_t>(n));
        const toff_t size = b->size();
        if (b->at < size) {  // over bytes written before
            const std::size_t over = static_cast<std::size_t>(std::min<toff_t>(bytes.size(), size - b->at));
            b->sink->overwrite(b->base + b->at, bytes.first(over));
            bytes = bytes.subspan(over);
        } else if (b->at > size) {  // past the end (a directory at an even offset): zeros between
            const std::vector<std::uint8_t> gap(static_cast<std::size_t>(b->at - size));
            b->sink->write(gap);
        }
        b->sink->write(bytes);
    } catch (...) {
        b->failure = std::current_exception();
        return 0;
    }
    b->at += static_cast<toff_t>(n);
    return n;
}
toff_t seek_proc(thandle_t h, toff_t off, int whence) {
    auto* b = static_cast<TiffOutput*>(h);
    b->at = (whence == SEEK_SET ? 0 : whence == SEEK_CUR ? b->at : b->size()) + off;
    return b->at;
}
int close_proc(thandle_t) { return 0; }
toff_t size_proc(thandle_t h) { return static_cast<TiffOutput*>(h)->size(); }
int map_proc(thandle_t, void**, toff_t*) { return 0; }
void unmap_proc(thandle_t, void*, toff_t) {}
int on_error(TIFF*, void* user, const char*, const char* format, va_list args) {
    auto* b = static_cast<TiffOutput*>(user);
    if (b->error.empty()) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        try {
            b->error = text;
        } catch (const std::bad_alloc&) {
            b->out_of_memory = true;
        }
    }
    return 1;
}
int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

}  // namespace

void encode_tiff_rows(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, int threads, ByteSink& sink,
                      const ImageMetadata& metadata) {
    TiffOutput output{&sink, sink.written(), 0, {}, false, nullptr};
    std::unique_ptr<TIFFOpenOptions, void (*)(TIFFOpenOptions*)> options(TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree);
    TIFFOpenOptionsSetErrorHandlerExtR(options.get(), on_error, &output);
    TIFFOpenOptionsSetWarningHandlerExtR(options.get(), on_warning, &output);
    const std::size_t stride = static_cast<std::size_t>(size.w * channels) * static_cast<std::size_t>(depth / 8);
    // "w8" would be BigTIFF; classic TIFF holds up to 4 GiB, and bigger images use BigTIFF.
    const bool big = static_cast<std::uint64_t>(stride) * static_cast<std::uint64_t>(size.h) > (std::uint64_t{3} << 30);
    std::unique_ptr<TIFF, void (*)(TIFF*)> file(
        TIFFClientOpenExt("output", big ? "w8" : "w", &output, read_proc, write_proc, seek_proc, close_proc, size_proc, map_proc,
                          unmap_proc, options.get()),
        TIFFClose);
    auto check = [&](bool ok) {
        if (output.failure) std::rethrow_exception(output.failure);
        if (!ok || !output.error.empty() || output.out_of_memory) throw IoError("", failure(output));
    };
    check(file != nullptr);
    TIFF* const tiff = file.get();
    const bool alpha = channels == 2 || channels == 4;
    TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(size.w));
    TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(size.h));
    TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, static_cast<std::uint16_t>(channels));
    TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(depth));
    TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, channels <= 2 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_RGB);
    TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
    TIFFSetField(tiff, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
    if (alpha) {
        const std::uint16_t extra[1] = {EXTRASAMPLE_UNASSALPHA};
        TIFFSetField(tiff, TIFFTAG_EXTRASAMPLES, 1, extra);
    }
    set_tiff_metadata(tiff, metadata);
    TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tiff, 0));
    // 16-bit samples go in host order: libtiff writes the file in host order and tags it so. Each
    // strip is compressed and written once its rows are in.
    std::vector<std::uint8_t> row(stride);  // libtiff's predictor works in place
    use_rows_in_order(size.h, stride, rows, threads, [&](std::int64_t y, const std::uint8_t* pixels) {
        std::copy_n(pixels, stride, row.begin());
        check(TIFFWriteScanline(tiff, row.data(), static_cast<std::uint32_t>(y), 0) == 1);
    });
    check(TIFFWriteDirectory(tiff) == 1);
    file.reset();  // TIFFClose flushes what is left
    check(true);
}

std::vector<std::uint8_t> encode_tiff(const core::Image& image, const ImageMetadata& metadata) {
    MemorySink file;
    encode_tiff_rows(image.size(), image.channels, image.depth,
                     rows_of(image.pixels.data(), static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes()),
                     1, file, metadata);
    return file.joined();
}

}  // namespace tconv::io
