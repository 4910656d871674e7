// Blocks (strips or tiles) are decoded one at a time, a band of them (a strip, or a row of tiles, in
// each plane) for each band of rows, by TIFFReadEncodedStrip/Tile into a buffer of
// TIFFStripSize/TIFFTileSize bytes, and their samples copied out: the RGBA interface is not used,
// since it keeps only 8 bits and premultiplies alpha. libtiff hands back 16-, 32- and 64-bit
// samples in host order.
#include "io/tiff/tiff_samples.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <tiffio.h>

#include "io/layers/float_elements.hpp"

namespace tconv::io {
namespace {

/// The sample at `p` (of layout.bits, host order) as tconv's sample of tiff_sample_depth.
using SampleReader = std::uint16_t (*)(const std::uint8_t* p);

template <typename T>
T load(const std::uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::uint16_t unit_interval(double v) {
    if (!(v > 0)) return 0;  // NaN too
    return v >= 1 ? 65535 : static_cast<std::uint16_t>(std::lround(v * 65535));
}

SampleReader sample_reader(TiffSampleKind kind, int bits) {
    switch (kind) {
        case TiffSampleKind::unsigned_int:
            if (bits == 8) return [](const std::uint8_t* p) -> std::uint16_t { return *p; };
            if (bits == 16) return [](const std::uint8_t* p) { return load<std::uint16_t>(p); };
            break;
        case TiffSampleKind::signed_int:
            if (bits == 8) return [](const std::uint8_t* p) { return static_cast<std::uint16_t>(*p ^ 0x80u); };
            if (bits == 16)
                return [](const std::uint8_t* p) { return static_cast<std::uint16_t>(load<std::uint16_t>(p) ^ 0x8000u); };
            break;
        case TiffSampleKind::ieee_float:
            if (bits == 16) return [](const std::uint8_t* p) { return unit_interval(half_to_double(load<std::uint16_t>(p))); };
            if (bits == 32) return [](const std::uint8_t* p) { return unit_interval(load<float>(p)); };
            if (bits == 64) return [](const std::uint8_t* p) { return unit_interval(load<double>(p)); };
            break;
    }
    return nullptr;
}

}  // namespace

int tiff_sample_depth(TiffSampleKind kind, int bits) {
    if (sample_reader(kind, bits) == nullptr) return 0;
    return kind == TiffSampleKind::ieee_float || bits == 16 ? 16 : 8;
}

TiffBands::TiffBands(::tiff* tif, const TiffSampleLayout& layout) : tif_(tif), layout_(layout) {
    read_ = sample_reader(layout.kind, layout.bits);
    if (read_ == nullptr) return;
    const std::size_t sample_bytes = static_cast<std::size_t>(layout.bits) / 8;
    const int block_samples = layout.planar ? 1 : layout.samples;  // per pixel of one block
    block_width_ = layout.width;
    if (layout.tiled) {
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &block_width_);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &block_height_);
    } else {
        TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &block_height_);
        block_height_ = std::min(block_height_, layout.height);
    }
    block_size_ = layout.tiled ? TIFFTileSize(tif) : TIFFStripSize(tif);
    // A block far larger than the image is refused rather than allocated: a header can say anything.
    // Past this bound no product below overflows (the image's area is within the pixel cap).
    const std::uint64_t block_area = std::uint64_t{block_width_} * block_height_;
    if (block_area == 0 || block_area > std::uint64_t{layout.width} * layout.height + (std::uint64_t{1} << 22)) return;
    const std::uint64_t block_bytes = block_area * static_cast<std::uint64_t>(block_samples) * sample_bytes;
    if (block_size_ <= 0 || static_cast<std::uint64_t>(block_size_) < block_bytes) return;
    block_.resize(static_cast<std::size_t>(block_size_));
}

bool TiffBands::read_band(std::uint32_t y0, std::uint8_t* out, int out_sample_bytes) {
    if (block_.empty()) return false;
    const TiffSampleLayout& layout = layout_;
    const std::size_t sample_bytes = static_cast<std::size_t>(layout.bits) / 8;
    const int block_samples = layout.planar ? 1 : layout.samples;
    const int planes = layout.planar ? layout.channels : 1;
    const std::uint32_t rows = std::min(block_height_, layout.height - y0);
    for (int plane = 0; plane < planes; ++plane)
        for (std::uint32_t x0 = 0; x0 < layout.width; x0 += block_width_) {
            const auto sample = static_cast<std::uint16_t>(plane);
            const tmsize_t got =
                layout.tiled ? TIFFReadEncodedTile(tif_, TIFFComputeTile(tif_, x0, y0, 0, sample), block_.data(), block_size_)
                             : TIFFReadEncodedStrip(tif_, TIFFComputeStrip(tif_, y0, sample), block_.data(), block_size_);
            const std::uint32_t columns = std::min(block_width_, layout.width - x0);
            // A strip's last row, or a tile's last row of the image's columns, must have been decoded.
            const std::uint64_t needed =
                (std::uint64_t{rows - 1} * block_width_ + columns) * static_cast<std::uint64_t>(block_samples) * sample_bytes;
            if (got < 0 || static_cast<std::uint64_t>(got) < needed) return false;
            const int first = layout.planar ? plane : 0, count = layout.planar ? 1 : layout.channels;
            for (std::uint32_t r = 0; r < rows; ++r) {
                const std::uint8_t* src =
                    block_.data() + std::size_t{r} * block_width_ * static_cast<std::size_t>(block_samples) * sample_bytes;
                const std::size_t row_start = (std::size_t{r} * layout.width + x0) * static_cast<std::size_t>(layout.channels);
                for (std::uint32_t x = 0; x < columns; ++x)
                    for (int c = 0; c < count; ++c) {
                        const std::uint16_t v =
                            read_(src + (std::size_t{x} * static_cast<std::size_t>(block_samples) + static_cast<std::size_t>(c)) *
                                            sample_bytes);
                        const std::size_t at = row_start + std::size_t{x} * static_cast<std::size_t>(layout.channels) +
                                               static_cast<std::size_t>(first + c);
                        if (out_sample_bytes == 2)
                            std::memcpy(out + 2 * at, &v, 2);
                        else
                            out[at] = static_cast<std::uint8_t>(v);
                    }
            }
        }
    return true;
}

bool read_tiff_samples(::tiff* tif, const TiffSampleLayout& layout, core::Image& out) {
    TiffBands bands(tif, layout);
    const std::size_t row_bytes = static_cast<std::size_t>(out.width * out.channels) * out.sample_bytes();
    for (std::uint32_t y0 = 0; y0 < layout.height; y0 += bands.band_height())
        if (!bands.read_band(y0, out.pixels.data() + std::size_t{y0} * row_bytes, static_cast<int>(out.sample_bytes())))
            return false;
    return true;
}

void unpremultiply_row(std::uint8_t* row, std::int64_t width, int channel_count, int depth) {
    const std::uint32_t max = depth == 16 ? 65535 : 255;
    const auto channels = static_cast<std::size_t>(channel_count);
    for (std::size_t i = 0; i < static_cast<std::size_t>(width); ++i) {
        std::uint32_t s[4] = {};
        for (std::size_t c = 0; c < channels; ++c)
            s[c] = depth == 16 ? load<std::uint16_t>(row + 2 * (i * channels + c)) : row[i * channels + c];
        const std::uint32_t alpha = s[channels - 1];
        if (alpha == max) continue;
        for (std::size_t c = 0; c + 1 < channels; ++c) s[c] = alpha == 0 ? 0 : std::min(max, s[c] * max / alpha);
        for (std::size_t c = 0; c + 1 < channels; ++c) {
            if (depth == 16) {
                const auto v = static_cast<std::uint16_t>(s[c]);
                std::memcpy(row + 2 * (i * channels + c), &v, 2);
            } else {
                row[i * channels + c] = static_cast<std::uint8_t>(s[c]);
            }
        }
    }
}

void unpremultiply(core::Image& image) {
    const std::size_t row_bytes = static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes();
    for (std::int64_t y = 0; y < image.height; ++y)
        unpremultiply_row(image.pixels.data() + static_cast<std::size_t>(y) * row_bytes, image.width, image.channels,
                          image.depth);
}

}  // namespace tconv::io
