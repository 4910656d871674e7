// libtiff on the file held in memory, through TIFFClientOpenExt with this file's own error handler
// (libtiff's global handlers would print to stderr from any thread).
#include "io/tiff_decoder.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <tiffio.h>

#include "io/io_error.hpp"
#include "io/tiff_metadata.hpp"

namespace tconv::io {
namespace {

struct TiffMemory {
    const std::vector<std::uint8_t>* bytes;
    toff_t at = 0;
    std::string error;
};

tmsize_t read_proc(thandle_t h, void* dst, tmsize_t n) {
    auto* m = static_cast<TiffMemory*>(h);
    const toff_t size = m->bytes->size();
    const toff_t count = std::min<toff_t>(static_cast<toff_t>(n), m->at < size ? size - m->at : 0);
    std::copy_n(m->bytes->data() + m->at, count, static_cast<std::uint8_t*>(dst));
    m->at += count;
    return static_cast<tmsize_t>(count);
}
tmsize_t write_proc(thandle_t, void*, tmsize_t) { return -1; }
toff_t seek_proc(thandle_t h, toff_t off, int whence) {
    auto* m = static_cast<TiffMemory*>(h);
    const toff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->at : m->bytes->size();
    m->at = base + off;
    return m->at;
}
int close_proc(thandle_t) { return 0; }
toff_t size_proc(thandle_t h) { return static_cast<TiffMemory*>(h)->bytes->size(); }
int map_proc(thandle_t, void**, toff_t*) { return 0; }
void unmap_proc(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char*, const char* format, va_list args) {
    auto* m = static_cast<TiffMemory*>(user);
    if (m->error.empty()) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        m->error = text;
    }
    return 1;
}
int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }  // unknown tags and the like

}  // namespace

LoadedImage decode_tiff(ByteSource& source, std::vector<std::uint8_t> bytes, const LoadLimits& limits) {
    const std::string& name = source.name();
    read_rest(source, bytes);
    TiffMemory memory{&bytes, 0, {}};
    std::unique_ptr<TIFFOpenOptions, void (*)(TIFFOpenOptions*)> options(TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree);
    TIFFOpenOptionsSetErrorHandlerExtR(options.get(), on_error, &memory);
    TIFFOpenOptionsSetWarningHandlerExtR(options.get(), on_warning, &memory);
    std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFClientOpenExt(name.c_str(), "rm", &memory, read_proc, write_proc, seek_proc,
                                                                  close_proc, size_proc, map_proc, unmap_proc, options.get()),
                                                TIFFClose);
    auto reason = [&](const char* fallback) { return memory.error.empty() ? std::string(fallback) : memory.error; };
    if (!tiff) throw IoError(name, "not a readable image (" + reason("corrupt TIFF header") + ")");
    std::uint32_t width = 0, height = 0;
    std::uint16_t samples = 1, bits = 1, photometric = PHOTOMETRIC_MINISBLACK, extra_count = 0;
    std::uint16_t* extra = nullptr;
    if (!TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height))
        throw IoError(name, "not a readable image (TIFF has no image size)");
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_EXTRASAMPLES, &extra_count, &extra);
    TIFFGetField(tiff.get(), TIFFTAG_PHOTOMETRIC, &photometric);
    std::uint16_t planar = PLANARCONFIG_CONTIG;
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PLANARCONFIG, &planar);
    const bool grey = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
    const bool alpha = extra_count > 0 && (extra[0] == EXTRASAMPLE_ASSOCALPHA || extra[0] == EXTRASAMPLE_UNASSALPHA);
    const int channels = (grey ? 1 : 3) + (alpha ? 1 : 0);
    // Grey and RGB strips of 8 or 16 bits are read as stored, 16 bits kept: libtiff's RGBA interface
    // would premultiply an unassociated alpha, and it takes the high byte of 16-bit samples.
    const bool as_stored = (photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_RGB) &&
                           (bits == 8 || bits == 16) && planar == PLANARCONFIG_CONTIG && !TIFFIsTiled(tiff.get()) &&
                           samples >= channels;
    check_header_size(name, width, height, limits, channels, as_stored && bits == 16 ? 16 : 8);
    LoadedImage out;
    out.metadata = read_tiff_metadata(tiff.get());
    out.reduced_from_16_bit = bits == 16 && !as_stored;
    out.image = core::unwritten_image({height, width}, channels, as_stored && bits == 16 ? 16 : 8);
    if (as_stored) {
        std::uint16_t orientation = ORIENTATION_TOPLEFT;  // TIFF numbers its orientations as EXIF does
        TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_ORIENTATION, &orientation);
        out.orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
        const tmsize_t line_size = TIFFScanlineSize(tiff.get());
        const std::size_t bytes_per_sample = bits / 8u;
        if (line_size < static_cast<tmsize_t>(std::size_t{width} * samples * bytes_per_sample))
            throw IoError(name, "not a readable image (TIFF scanline size does not match its header)");
        std::vector<std::uint8_t> line(static_cast<std::size_t>(line_size));
        for (std::uint32_t y = 0; y < height; ++y) {
            if (TIFFReadScanline(tiff.get(), line.data(), y, 0) < 0 || !memory.error.empty())
                throw IoError(name, "cannot decode image (" + reason("corrupt TIFF data") + ")");
            // Samples of bytes_per_sample bytes (16-bit ones in host order, as libtiff gives them and
            // Image holds them), the channels kept of each pixel's `samples`.
            std::uint8_t* dst = &out.image.pixels[std::size_t{y} * width * static_cast<std::size_t>(channels) * bytes_per_sample];
            const std::size_t kept = static_cast<std::size_t>(channels) * bytes_per_sample;
            for (std::size_t x = 0; x < width; ++x) std::memcpy(dst + x * kept, &line[x * samples * bytes_per_sample], kept);
        }
        return out;
    }
    std::vector<std::uint32_t> rgba(std::size_t{width} * height);
    if (!TIFFReadRGBAImageOriented(tiff.get(), width, height, rgba.data(), ORIENTATION_TOPLEFT, 0) || !memory.error.empty())
        throw IoError(name, "cannot decode image (" + reason("corrupt TIFF data") + ")");
    for (std::size_t i = 0; i < rgba.size(); ++i) {
        const std::uint32_t p = rgba[i];
        const std::uint8_t rgba_bytes[4] = {static_cast<std::uint8_t>(TIFFGetR(p)), static_cast<std::uint8_t>(TIFFGetG(p)),
                                            static_cast<std::uint8_t>(TIFFGetB(p)), static_cast<std::uint8_t>(TIFFGetA(p))};
        std::uint8_t* dst = &out.image.pixels[i * static_cast<std::size_t>(channels)];
        if (grey) {
            dst[0] = rgba_bytes[0];
            if (alpha) dst[1] = rgba_bytes[3];
        } else {
            std::copy_n(rgba_bytes, channels, dst);
        }
    }
    return out;
}

}  // namespace tconv::io
