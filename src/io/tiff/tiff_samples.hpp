// A grey or RGB TIFF's samples read as stored, from strips or tiles, interleaved or in separate planes,
// and turned into tconv's samples by their SampleFormat; and associated (premultiplied) alpha undone.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.hpp"

struct tiff;  // libtiff's TIFF

namespace tconv::io {

/// How a TIFF's samples are numbers (its SampleFormat tag).
enum class TiffSampleKind { unsigned_int, signed_int, ieee_float };

/// What a grey or RGB TIFF stores: `samples` per pixel of `bits` each, of which the first `channels`
/// are kept.
struct TiffSampleLayout {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int samples = 1;
    int channels = 1;
    int bits = 8;
    TiffSampleKind kind = TiffSampleKind::unsigned_int;
    bool planar = false;  ///< PlanarConfiguration 2: one plane per sample
    bool tiled = false;
};

/// The depth (8 or 16) the samples are read to, or 0 when they are not read as stored: unsigned and
/// signed integers of 8 or 16 bits keep their width, signed ones offset by 2^(bits-1) to 0..2^bits-1
/// as ImageMagick reads them; floats of 16, 32 or 64 bits become 16-bit, 0..1 mapped to 0..65535 as
/// ImageMagick reads them (clamped; NaN is 0).
int tiff_sample_depth(TiffSampleKind kind, int bits);

/// The rows of a grey or RGB TIFF read a band at a time: a strip, or a row of tiles, in each plane.
class TiffBands {
public:
    TiffBands(::tiff* tif, const TiffSampleLayout& layout);
    /// Rows in a band (the last may have fewer).
    std::uint32_t band_height() const { return block_height_; }
    /// Bytes of libtiff's decoded block (a strip or tile of one plane), held while reading.
    std::size_t block_bytes() const { return block_.size(); }
    /// Reads the rows of the band starting at row `y0` (a multiple of band_height()) into `out`, rows
    /// after one another of layout.width * layout.channels samples of `out_sample_bytes` (1 or 2:
    /// tiff_sample_depth). Returns false when the layout is not one read as stored, or its blocks are
    /// not as the header says, or libtiff cannot decode one; throws nothing.
    bool read_band(std::uint32_t y0, std::uint8_t* out, int out_sample_bytes);

private:
    ::tiff* tif_;
    TiffSampleLayout layout_;
    std::uint16_t (*read_)(const std::uint8_t*) = nullptr;
    std::uint32_t block_width_ = 0, block_height_ = 0;
    std::int64_t block_size_ = 0;
    std::vector<std::uint8_t> block_;  ///< empty when the layout cannot be read
};

/// Reads every sample of `layout` into `out` (layout.height x layout.width, layout.channels, of
/// tiff_sample_depth). Returns false when libtiff cannot decode a strip or tile; throws nothing.
bool read_tiff_samples(::tiff* tif, const TiffSampleLayout& layout, core::Image& out);

/// Turns premultiplied colour into straight colour, in place, as PIL reads associated alpha:
/// floor(c * max / alpha), at most max, and 0 for every sample of a pixel whose alpha is 0. The last
/// channel of `image` (2 or 4 channels) is the alpha.
void unpremultiply(core::Image& image);

/// unpremultiply on one row of `width` pixels of `channels` samples of `depth` bits.
void unpremultiply_row(std::uint8_t* row, std::int64_t width, int channels, int depth);

}  // namespace tconv::io
