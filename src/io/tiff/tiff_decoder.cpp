// libtiff on the file held in memory, through TIFFClientOpenExt with this file's own error handler
// (libtiff's global handlers would print to stderr from any thread).
#include "io/tiff/tiff_decoder.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <tiffio.h>

#include "io/io_error.hpp"
#include "io/tiff/tiff_metadata.hpp"
#include "io/tiff/tiff_samples.hpp"

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
// The file is handed to libtiff as already mapped, so that it reads strips and tiles in place: its
// own buffer for an uncompressed tile is rounded up to 1 KiB, which its RGBA tile reader then
// refuses as a wrong tile size (16x16 and 48x48 tiles of fewer than 4 bytes a pixel). libtiff
// never writes to mapped bytes.
int map_proc(thandle_t h, void** base, toff_t* size) {
    auto* m = static_cast<TiffMemory*>(h);
    *base = const_cast<std::uint8_t*>(m->bytes->data());
    *size = m->bytes->size();
    return 1;
}
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
    std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFClientOpenExt(name.c_str(), "r", &memory, read_proc, write_proc, seek_proc,
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
    std::uint16_t planar = PLANARCONFIG_CONTIG, sample_format = SAMPLEFORMAT_UINT;
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_SAMPLEFORMAT, &sample_format);
    const bool grey = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
    const bool alpha = extra_count > 0 && (extra[0] == EXTRASAMPLE_ASSOCALPHA || extra[0] == EXTRASAMPLE_UNASSALPHA);
    const int channels = (grey ? 1 : 3) + (alpha ? 1 : 0);
    const TiffSampleKind kind = sample_format == SAMPLEFORMAT_INT      ? TiffSampleKind::signed_int
                                : sample_format == SAMPLEFORMAT_IEEEFP ? TiffSampleKind::ieee_float
                                                                       : TiffSampleKind::unsigned_int;
    if (sample_format == SAMPLEFORMAT_COMPLEXINT || sample_format == SAMPLEFORMAT_COMPLEXIEEEFP)
        throw IoError(name, "not a readable image (TIFF of complex samples, which tconv does not read)");
    // Grey and RGB samples are read as stored, in any layout: libtiff's RGBA interface keeps 8 bits,
    // premultiplies alpha and reads every sample as unsigned.
    const bool stored_model = (photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_RGB) && samples >= channels;
    const int stored_depth = stored_model ? tiff_sample_depth(kind, bits) : 0;
    if (kind != TiffSampleKind::unsigned_int && stored_depth == 0)
        throw IoError(name, "not a readable image (TIFF of " + std::to_string(bits) + "-bit " +
                                (kind == TiffSampleKind::signed_int ? "signed" : "floating-point") +
                                " samples, which tconv reads only as grey or RGB of 8 or 16 bits (floats: 16, 32 or 64))");
    const bool as_stored = stored_depth != 0;
    check_header_size(name, width, height, limits, channels, as_stored ? stored_depth : 8);
    LoadedImage out;
    out.metadata = read_tiff_metadata(tiff.get());
    out.reduced_from_16_bit = bits == 16 && !as_stored;
    out.image = core::unwritten_image({height, width}, channels, as_stored ? stored_depth : 8);
    if (as_stored) {
        std::uint16_t orientation = ORIENTATION_TOPLEFT;  // TIFF numbers its orientations as EXIF does
        TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_ORIENTATION, &orientation);
        out.orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
        const TiffSampleLayout layout{
            width, height, samples, channels, bits, kind, planar == PLANARCONFIG_SEPARATE, TIFFIsTiled(tiff.get()) != 0};
        if (!read_tiff_samples(tiff.get(), layout, out.image) || !memory.error.empty())
            throw IoError(name, "cannot decode image (" + reason("corrupt TIFF data") + ")");
        if (alpha && extra[0] == EXTRASAMPLE_ASSOCALPHA) unpremultiply(out.image);
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
    if (alpha) unpremultiply(out.image);  // the RGBA interface premultiplies either kind of alpha
    return out;
}

}  // namespace tconv::io
