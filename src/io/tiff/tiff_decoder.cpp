// libtiff on the file held in memory, or read from its descriptor as libtiff asks when streamed,
// through TIFFClientOpenExt with this file's own error handler (libtiff's global handlers would print
// to stderr from any thread).
#include "io/tiff/tiff_decoder.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#include "io/io_error.hpp"
#include "io/tiff/tiff_metadata.hpp"
#include "io/tiff/tiff_samples.hpp"

namespace tconv::io {
namespace {

/// The file libtiff reads: held in memory, or read from a descriptor as libtiff asks.
struct TiffInput {
    const std::vector<std::uint8_t>* bytes = nullptr;
    int fd = -1;
    toff_t size = 0;
    toff_t at = 0;
    std::string error;
};

tmsize_t read_proc(thandle_t h, void* dst, tmsize_t n) {
    auto* m = static_cast<TiffInput*>(h);
    const toff_t count = std::min<toff_t>(static_cast<toff_t>(n), m->at < m->size ? m->size - m->at : 0);
    if (m->bytes != nullptr) {
        std::copy_n(m->bytes->data() + m->at, count, static_cast<std::uint8_t*>(dst));
    } else {
        for (toff_t done = 0; done < count;) {
            const ssize_t got = ::pread(m->fd, static_cast<std::uint8_t*>(dst) + done, static_cast<std::size_t>(count - done),
                                        static_cast<off_t>(m->at + done));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return -1;
            done += static_cast<toff_t>(got);
        }
    }
    m->at += count;
    return static_cast<tmsize_t>(count);
}
tmsize_t write_proc(thandle_t, void*, tmsize_t) { return -1; }
toff_t seek_proc(thandle_t h, toff_t off, int whence) {
    auto* m = static_cast<TiffInput*>(h);
    const toff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->at : m->size;
    m->at = base + off;
    return m->at;
}
int close_proc(thandle_t) { return 0; }
toff_t size_proc(thandle_t h) { return static_cast<TiffInput*>(h)->size; }
// A file in memory is handed to libtiff as already mapped, so that it reads strips and tiles in place:
// its own buffer for an uncompressed tile is rounded up to 1 KiB, which its RGBA tile reader then
// refuses as a wrong tile size (16x16 and 48x48 tiles of fewer than 4 bytes a pixel). libtiff never
// writes to mapped bytes. A file read from its descriptor is read only as stored (tiff_samples),
// which the rounding does not trouble.
int map_proc(thandle_t h, void** base, toff_t* size) {
    auto* m = static_cast<TiffInput*>(h);
    if (m->bytes == nullptr) return 0;
    *base = const_cast<std::uint8_t*>(m->bytes->data());
    *size = m->bytes->size();
    return 1;
}
void unmap_proc(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char*, const char* format, va_list args) {
    auto* m = static_cast<TiffInput*>(user);
    if (m->error.empty()) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        m->error = text;
    }
    return 1;
}
int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }  // unknown tags and the like

/// One TIFF open in libtiff, its first directory's tags read and checked against the caps.
class TiffDecoding {
public:
    TiffDecoding(const std::string& name, TiffInput input, const LoadLimits& limits)
        : name_(name),
          input_(std::move(input)),
          options_(TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree),
          tiff_(nullptr, TIFFClose) {
        TIFFOpenOptionsSetErrorHandlerExtR(options_.get(), on_error, &input_);
        TIFFOpenOptionsSetWarningHandlerExtR(options_.get(), on_warning, &input_);
        tiff_.reset(TIFFClientOpenExt(name.c_str(), "r", &input_, read_proc, write_proc, seek_proc, close_proc, size_proc,
                                      map_proc, unmap_proc, options_.get()));
        if (!tiff_) throw IoError(name, "not a readable image (" + reason("corrupt TIFF header") + ")");
        TIFF* const tif = tiff_.get();
        std::uint32_t width = 0, height = 0;
        std::uint16_t samples = 1, bits = 1, photometric = PHOTOMETRIC_MINISBLACK, extra_count = 0;
        std::uint16_t* extra = nullptr;
        if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height))
            throw IoError(name, "not a readable image (TIFF has no image size)");
        TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
        TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
        TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &extra_count, &extra);
        TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
        std::uint16_t planar = PLANARCONFIG_CONTIG, sample_format = SAMPLEFORMAT_UINT;
        TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
        TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &sample_format);
        grey_ = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
        alpha_ = extra_count > 0 && (extra[0] == EXTRASAMPLE_ASSOCALPHA || extra[0] == EXTRASAMPLE_UNASSALPHA);
        associated_ = alpha_ && extra[0] == EXTRASAMPLE_ASSOCALPHA;
        const int channels = (grey_ ? 1 : 3) + (alpha_ ? 1 : 0);
        const TiffSampleKind kind = sample_format == SAMPLEFORMAT_INT      ? TiffSampleKind::signed_int
                                    : sample_format == SAMPLEFORMAT_IEEEFP ? TiffSampleKind::ieee_float
                                                                           : TiffSampleKind::unsigned_int;
        if (sample_format == SAMPLEFORMAT_COMPLEXINT || sample_format == SAMPLEFORMAT_COMPLEXIEEEFP)
            throw IoError(name, "not a readable image (TIFF of complex samples, which tconv does not read)");
        // Grey and RGB samples are read as stored, in any layout: libtiff's RGBA interface keeps 8 bits,
        // premultiplies alpha and reads every sample as unsigned.
        const bool stored_model =
            (photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_RGB) && samples >= channels;
        const int stored_depth = stored_model ? tiff_sample_depth(kind, bits) : 0;
        if (kind != TiffSampleKind::unsigned_int && stored_depth == 0)
            throw IoError(name, "not a readable image (TIFF of " + std::to_string(bits) + "-bit " +
                                    (kind == TiffSampleKind::signed_int ? "signed" : "floating-point") +
                                    " samples, which tconv reads only as grey or RGB of 8 or 16 bits (floats: 16, 32 or 64))");
        as_stored_ = stored_depth != 0;
        check_header_size(name, width, height, limits, channels, as_stored_ ? stored_depth : 8);
        out_.metadata = read_tiff_metadata(tif);
        out_.reduced_from_16_bit = bits == 16 && !as_stored_;
        out_.image = core::Image{height, width, channels, {}, as_stored_ ? stored_depth : 8};
        if (as_stored_) {
            std::uint16_t orientation = ORIENTATION_TOPLEFT;  // TIFF numbers its orientations as EXIF does
            TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
            out_.orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
            bands_.emplace(tif, TiffSampleLayout{width, height, samples, channels, bits, kind, planar == PLANARCONFIG_SEPARATE,
                                                 TIFFIsTiled(tif) != 0});
        }
    }

    TiffDecoding(const TiffDecoding&) = delete;
    TiffDecoding& operator=(const TiffDecoding&) = delete;

    /// The header and metadata; the image's pixels are not there.
    LoadedImage& out() { return out_; }
    /// Whether the samples are read as stored, by bands (tiff_samples); else through the RGBA interface.
    bool as_stored() const { return as_stored_; }
    TiffBands& bands() { return *bands_; }
    bool tiled() const { return TIFFIsTiled(tiff_.get()) != 0; }

    /// Reads the band at row `y0` into `rows` (as stored) and undoes associated alpha. Throws IoError.
    void read_band(std::uint32_t y0, std::uint8_t* rows) {
        const core::Image& header = out_.image;
        const auto sample_bytes = static_cast<int>(header.sample_bytes());
        if (!bands_->read_band(y0, rows, sample_bytes) || !input_.error.empty())
            throw IoError(name_,
                          "cannot decode image (" + (truncated() ? "the file is truncated" : reason("corrupt TIFF data")) + ")");
        if (!associated_) return;
        const std::size_t row_bytes = static_cast<std::size_t>(header.width * header.channels) * header.sample_bytes();
        const std::uint32_t rows_in =
            std::min<std::uint32_t>(bands_->band_height(), static_cast<std::uint32_t>(header.height) - y0);
        for (std::uint32_t r = 0; r < rows_in; ++r)
            unpremultiply_row(rows + r * row_bytes, header.width, header.channels, header.depth);
    }

    /// The whole image through libtiff's RGBA interface, turned upright. Throws IoError.
    void read_rgba(core::Image& image) {
        const auto width = static_cast<std::uint32_t>(image.width), height = static_cast<std::uint32_t>(image.height);
        std::vector<std::uint32_t> rgba(std::size_t{width} * height);
        if (!TIFFReadRGBAImageOriented(tiff_.get(), width, height, rgba.data(), ORIENTATION_TOPLEFT, 0) || !input_.error.empty())
            throw IoError(name_, "cannot decode image (" + reason("corrupt TIFF data") + ")");
        const int channels = image.channels;
        for (std::size_t i = 0; i < rgba.size(); ++i) {
            const std::uint32_t p = rgba[i];
            const std::uint8_t rgba_bytes[4] = {static_cast<std::uint8_t>(TIFFGetR(p)), static_cast<std::uint8_t>(TIFFGetG(p)),
                                                static_cast<std::uint8_t>(TIFFGetB(p)), static_cast<std::uint8_t>(TIFFGetA(p))};
            std::uint8_t* dst = &image.pixels[i * static_cast<std::size_t>(channels)];
            if (grey_) {
                dst[0] = rgba_bytes[0];
                if (alpha_) dst[1] = rgba_bytes[3];
            } else {
                std::copy_n(rgba_bytes, channels, dst);
            }
        }
        if (alpha_) unpremultiply(image);  // the RGBA interface premultiplies either kind of alpha
    }

private:
    /// Whether a strip or tile the directory lists ends past the end of the file.
    bool truncated() const {
        TIFF* const tif = tiff_.get();
        const std::uint32_t count = TIFFIsTiled(tif) ? TIFFNumberOfTiles(tif) : TIFFNumberOfStrips(tif);
        for (std::uint32_t s = 0; s < count; ++s)
            if (TIFFGetStrileOffset(tif, s) + TIFFGetStrileByteCount(tif, s) > input_.size) return true;
        return false;
    }
    std::string reason(const char* fallback) const { return input_.error.empty() ? std::string(fallback) : input_.error; }

    std::string name_;
    TiffInput input_;
    std::unique_ptr<TIFFOpenOptions, void (*)(TIFFOpenOptions*)> options_;
    std::unique_ptr<TIFF, void (*)(TIFF*)> tiff_;
    bool grey_ = false, alpha_ = false, associated_ = false, as_stored_ = false;
    LoadedImage out_;
    std::optional<TiffBands> bands_;
};

/// A regular file's descriptor, closed with it.
struct FileDescriptor {
    int fd = -1;
    explicit FileDescriptor(const std::string& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
};

/// A grey or RGB TIFF read a band of rows at a time from its file.
class TiffRowReader final : public ImageReader {
public:
    TiffRowReader(std::unique_ptr<FileDescriptor> file, std::unique_ptr<TiffDecoding> tiff)
        : file_(std::move(file)), tiff_(std::move(tiff)) {
        loaded_ = std::move(tiff_->out());
        const core::Image& header = loaded_.image;
        row_bytes_ = static_cast<std::size_t>(header.width * header.channels) * header.sample_bytes();
        band_.resize(std::size_t{tiff_->bands().band_height()} * row_bytes_);
        how_ = tiff_->tiled() ? "TIFF tiles, a row of them at a time (libtiff, streamed)" : "TIFF strips (libtiff, streamed)";
    }
    bool streams() const override { return true; }
    void read_row(std::uint8_t* row) override {
        const std::uint32_t band_height = tiff_->bands().band_height();
        const auto y = static_cast<std::uint32_t>(next_row_++);
        if (y % band_height == 0) tiff_->read_band(y, band_.data());
        std::copy_n(band_.begin() + static_cast<std::ptrdiff_t>(std::size_t{y % band_height} * row_bytes_), row_bytes_, row);
    }

private:
    std::unique_ptr<FileDescriptor> file_;
    std::unique_ptr<TiffDecoding> tiff_;
    std::size_t row_bytes_ = 0;
    std::vector<std::uint8_t> band_;  ///< the rows of the band being read
};

}  // namespace

LoadedImage decode_tiff(ByteSource& source, std::vector<std::uint8_t> bytes, const LoadLimits& limits) {
    read_rest(source, bytes);
    TiffDecoding tiff(source.name(), TiffInput{&bytes, -1, bytes.size(), 0, {}}, limits);
    LoadedImage out = std::move(tiff.out());
    out.image = core::unwritten_image(out.image.size(), out.image.channels, out.image.depth);
    if (!tiff.as_stored()) {
        tiff.read_rgba(out.image);
        return out;
    }
    const std::size_t row_bytes = static_cast<std::size_t>(out.image.width * out.image.channels) * out.image.sample_bytes();
    const std::uint32_t band_height = tiff.bands().band_height();
    for (std::uint32_t y0 = 0; y0 < static_cast<std::uint32_t>(out.image.height); y0 += band_height)
        tiff.read_band(y0, out.image.pixels.data() + std::size_t{y0} * row_bytes);
    return out;
}

std::unique_ptr<ImageReader> open_tiff(std::unique_ptr<ByteSource> source, std::vector<std::uint8_t> head,
                                       const LoadLimits& limits) {
    const std::string& name = source->name();
    auto file = std::make_unique<FileDescriptor>(name == "-" ? std::string() : name);
    struct stat st {};
    const char* whole_for = file->fd < 0 || ::fstat(file->fd, &st) != 0 || !S_ISREG(st.st_mode)
                                ? "not a regular file, which libtiff needs to seek in"
                                : nullptr;
    if (whole_for == nullptr) {
        auto tiff =
            std::make_unique<TiffDecoding>(name, TiffInput{nullptr, file->fd, static_cast<toff_t>(st.st_size), 0, {}}, limits);
        if (tiff->as_stored() && tiff->bands().block_bytes() > 0)
            return std::make_unique<TiffRowReader>(std::move(file), std::move(tiff));
        whole_for = tiff->as_stored() ? "its blocks are not as its header says"
                                      : "palette, CMYK, YCbCr or other depths: libtiff's RGBA interface";
    }
    return whole_image_reader(decode_tiff(*source, std::move(head), limits),
                              std::string("TIFF (decoded whole: ") + whole_for + ")");
}

}  // namespace tconv::io
