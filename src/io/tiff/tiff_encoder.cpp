// libtiff writing through client procedures into a growing buffer; its messages go to this file's
// own handlers (per open, so threads do not share them).
#include "io/tiff/tiff_encoder.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <new>
#include <string>

#include <tiffio.h>

#include "io/io_error.hpp"
#include "io/tiff/tiff_metadata.hpp"

namespace tconv::io {
namespace {

struct TiffBuffer {
    std::vector<std::uint8_t> bytes;
    toff_t at = 0;
    std::string error;           ///< libtiff's first error message
    bool out_of_memory = false;  ///< the buffer or the message could not grow
};

/// Why encoding failed, in words.
std::string failure(const TiffBuffer& b) {
    return "cannot encode TIFF (" +
           (b.out_of_memory   ? std::string("out of memory")
            : b.error.empty() ? "libtiff failed"
                              : b.error) +
           ")";
}

// The procedures and handlers are called from libtiff's C frames, which no exception may cross: a
// buffer that cannot grow is a failed write, which libtiff reports as such.
tmsize_t read_proc(thandle_t h, void* dst, tmsize_t n) {
    auto* b = static_cast<TiffBuffer*>(h);
    const toff_t count = std::min<toff_t>(static_cast<toff_t>(n), b->at < b->bytes.size() ? b->bytes.size() - b->at : 0);
    std::copy_n(b->bytes.data() + b->at, count, static_cast<std::uint8_t*>(dst));
    b->at += count;
    return static_cast<tmsize_t>(count);
}
tmsize_t write_proc(thandle_t h, void* src, tmsize_t n) {
    auto* b = static_cast<TiffBuffer*>(h);
    const auto count = static_cast<std::size_t>(n);
    try {
        if (b->at + count > b->bytes.size()) b->bytes.resize(b->at + count);
    } catch (const std::bad_alloc&) {
        b->out_of_memory = true;
        return 0;
    }
    std::copy_n(static_cast<const std::uint8_t*>(src), count, b->bytes.data() + b->at);
    b->at += count;
    return n;
}
toff_t seek_proc(thandle_t h, toff_t off, int whence) {
    auto* b = static_cast<TiffBuffer*>(h);
    b->at = (whence == SEEK_SET ? 0 : whence == SEEK_CUR ? b->at : b->bytes.size()) + off;
    return b->at;
}
int close_proc(thandle_t) { return 0; }
toff_t size_proc(thandle_t h) { return static_cast<TiffBuffer*>(h)->bytes.size(); }
int map_proc(thandle_t, void**, toff_t*) { return 0; }
void unmap_proc(thandle_t, void*, toff_t) {}
int on_error(TIFF*, void* user, const char*, const char* format, va_list args) {
    auto* b = static_cast<TiffBuffer*>(user);
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

std::vector<std::uint8_t> encode_tiff(const core::Image& image, const ImageMetadata& metadata) {
    TiffBuffer buffer;
    std::unique_ptr<TIFFOpenOptions, void (*)(TIFFOpenOptions*)> options(TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree);
    TIFFOpenOptionsSetErrorHandlerExtR(options.get(), on_error, &buffer);
    TIFFOpenOptionsSetWarningHandlerExtR(options.get(), on_warning, &buffer);
    // "w8" would be BigTIFF; classic TIFF holds up to 4 GiB, and bigger images use BigTIFF.
    const bool big = static_cast<std::uint64_t>(image.pixels.size()) > (std::uint64_t{3} << 30);
    std::unique_ptr<TIFF, void (*)(TIFF*)> file(
        TIFFClientOpenExt("output", big ? "w8" : "w", &buffer, read_proc, write_proc, seek_proc, close_proc, size_proc, map_proc,
                          unmap_proc, options.get()),
        TIFFClose);
    if (!file) throw IoError("", failure(buffer));
    TIFF* const tiff = file.get();
    const int channels = image.channels;
    const bool alpha = channels == 2 || channels == 4;
    TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(image.width));
    TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(image.height));
    TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, static_cast<std::uint16_t>(channels));
    TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(image.depth));
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
    // 16-bit samples go in host order: libtiff writes the file in host order and tags it so.
    const std::size_t stride = static_cast<std::size_t>(image.width * channels) * image.sample_bytes();
    std::vector<std::uint8_t> row(stride);  // libtiff's predictor works in place
    bool ok = true;
    for (std::int64_t y = 0; ok && y < image.height; ++y) {
        std::copy_n(image.pixels.data() + static_cast<std::size_t>(y) * stride, stride, row.begin());
        ok = TIFFWriteScanline(tiff, row.data(), static_cast<std::uint32_t>(y), 0) == 1;
    }
    ok = ok && TIFFWriteDirectory(tiff) == 1;
    file.reset();  // TIFFClose flushes into the buffer
    if (!ok || !buffer.error.empty() || buffer.out_of_memory) throw IoError("", failure(buffer));
    return std::move(buffer.bytes);
}

}  // namespace tconv::io
