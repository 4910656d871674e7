// A PNG writer over libdeflate: rows are filtered as they are produced (each band of rows on its own
// thread), then the whole filtered image goes through one libdeflate zlib call, which is several
// times faster than stb_image_write's own deflate at the same size.
#include "io/png_encoder.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <libdeflate.h>

#include "core/row_bands.hpp"
#include "io/io_error.hpp"

namespace tconv::io {
namespace {

enum Filter : std::uint8_t { filter_none = 0, filter_sub = 1, filter_up = 2, filter_average = 3, filter_paeth = 4 };

/// The filters tried per row. Level 0 stores: no filter. Low levels try Sub and Up, which between
/// them catch both ways an upsampled image repeats (runs along a row, repeated rows); from level 3 on
/// all five are tried, as libpng does, for the smallest files.
std::vector<Filter> filters_for(int level) {
    if (level == 0) return {filter_none};
    if (level < 3) return {filter_sub, filter_up};
    return {filter_none, filter_sub, filter_up, filter_average, filter_paeth};
}

std::uint8_t paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return static_cast<std::uint8_t>(a);
    return static_cast<std::uint8_t>(pb <= pc ? b : c);
}

/// Writes filter `f` of row `x` (above it `up`, all zeros for the first row) to `out`; bpp is the
/// channel count. Returns libpng's heuristic cost: the sum of the output bytes read as signed.
std::uint64_t apply_filter(Filter f, const std::uint8_t* __restrict x, const std::uint8_t* __restrict up,
                           std::size_t n, std::size_t bpp, std::uint8_t* __restrict out) {
    switch (f) {
        case filter_none: std::memcpy(out, x, n); break;
        case filter_sub:
            std::memcpy(out, x, bpp);
            for (std::size_t i = bpp; i < n; ++i) out[i] = static_cast<std::uint8_t>(x[i] - x[i - bpp]);
            break;
        case filter_up:
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(x[i] - up[i]);
            break;
        case filter_average:
            for (std::size_t i = 0; i < bpp; ++i) out[i] = static_cast<std::uint8_t>(x[i] - (up[i] >> 1));
            for (std::size_t i = bpp; i < n; ++i)
                out[i] = static_cast<std::uint8_t>(x[i] - ((x[i - bpp] + up[i]) >> 1));
            break;
        case filter_paeth:
            for (std::size_t i = 0; i < bpp; ++i) out[i] = static_cast<std::uint8_t>(x[i] - up[i]);
            for (std::size_t i = bpp; i < n; ++i)
                out[i] = static_cast<std::uint8_t>(x[i] - paeth(x[i - bpp], up[i], up[i - bpp]));
            break;
    }
    std::uint64_t cost = 0;
    for (std::size_t i = 0; i < n; ++i) cost += static_cast<std::uint64_t>(std::abs(static_cast<int>(static_cast<std::int8_t>(out[i]))));
    return cost;
}

/// Filters the rows of one band into their place in the filtered image: 1 filter byte + the row.
class BandFilter {
public:
    BandFilter(std::size_t row_bytes, int channels, const std::vector<Filter>& filters, std::uint8_t* filtered)
        : n_(row_bytes), bpp_(static_cast<std::size_t>(channels)), filters_(filters), filtered_(filtered),
          previous_(row_bytes, 0), trial_(row_bytes), best_(row_bytes) {}

    /// Takes row y; rows come in order, and a band starting at y0 > 0 first gets row y0 - 1 with
    /// `keep_only` set, as the row above its first row.
    void take(std::int64_t y, const std::uint8_t* row, bool keep_only) {
        if (!keep_only) {
            std::uint8_t* out = filtered_ + static_cast<std::size_t>(y) * (n_ + 1);
            if (y > 0 && filters_.size() > 1 && std::memcmp(row, previous_.data(), n_) == 0) {
                out[0] = filter_up;  // a repeated row, as upsampling makes: all zeros, no search
                std::memset(out + 1, 0, n_);
            } else {
                std::uint64_t best_cost = UINT64_MAX;
                Filter best = filter_none;
                for (const Filter f : filters_) {
                    const std::uint64_t cost = apply_filter(f, row, previous_.data(), n_, bpp_, trial_.data());
                    if (cost < best_cost) best_cost = cost, best = f, std::swap(trial_, best_);
                }
                out[0] = best;
                std::memcpy(out + 1, best_.data(), n_);
            }
        }
        std::memcpy(previous_.data(), row, n_);
    }

private:
    std::size_t n_;
    std::size_t bpp_;
    const std::vector<Filter>& filters_;
    std::uint8_t* filtered_;
    std::vector<std::uint8_t> previous_;  ///< the row above (zeros above the first row)
    std::vector<std::uint8_t> trial_;
    std::vector<std::uint8_t> best_;
};

/// Appends bytes by resize + memcpy (GCC 12 warns falsely on vector::insert of a range here).
void put_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size) {
    const std::size_t at = out.size();
    out.resize(at + size);
    if (size > 0) std::memcpy(out.data() + at, data, size);
}

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    const std::array<std::uint8_t, 4> big_endian{static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                                                 static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    put_bytes(out, big_endian.data(), 4);
}

void put_chunk(std::vector<std::uint8_t>& out, const char* type, const std::uint8_t* data, std::size_t size) {
    put_u32(out, static_cast<std::uint32_t>(size));
    const std::size_t start = out.size();
    put_bytes(out, type, 4);
    put_bytes(out, data, size);
    put_u32(out, libdeflate_crc32(0, out.data() + start, size + 4));
}

}  // namespace

std::vector<std::uint8_t> encode_png_rows(core::Extent2 size, int channels, const RowProducer& rows,
                                          const PngOptions& options) {
    constexpr std::int64_t png_max_side = 0x7fffffff;
    if (size.h < 1 || size.w < 1 || size.h > png_max_side || size.w > png_max_side / channels)
        throw IoError("", "image is too large for the PNG format");
    const auto row_bytes = static_cast<std::size_t>(size.w * channels);
    const std::size_t filtered_bytes = static_cast<std::size_t>(size.h) * (row_bytes + 1);
    // Left uninitialised: every byte is written by the filters, and untouched pages cost no memory.
    std::unique_ptr<std::uint8_t[]> filtered(new std::uint8_t[filtered_bytes]);
    const std::vector<Filter> filters = filters_for(options.compression);
    auto band = [&](std::int64_t y0, std::int64_t y1) {
        BandFilter filter(row_bytes, channels, filters, filtered.get());
        rows(y0 > 0 ? y0 - 1 : y0, y1, [&](std::int64_t y, const std::uint8_t* row) { filter.take(y, row, y < y0); });
    };
    const std::int64_t bands = std::clamp<std::int64_t>(options.threads, 1, size.h);
    if (bands == 1) {
        band(0, size.h);
    } else {
        core::run_row_bands(size.h, bands, band);
    }

    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
        libdeflate_alloc_compressor(std::clamp(options.compression, min_png_compression, max_png_compression)),
        libdeflate_free_compressor);
    if (!compressor) throw IoError("", "cannot start the PNG compressor (out of memory)");
    const std::size_t bound = libdeflate_zlib_compress_bound(compressor.get(), filtered_bytes);
    std::unique_ptr<std::uint8_t[]> zlib(new std::uint8_t[bound]);
    const std::size_t zlib_bytes =
        libdeflate_zlib_compress(compressor.get(), filtered.get(), filtered_bytes, zlib.get(), bound);
    if (zlib_bytes == 0) throw IoError("", "PNG compression failed");
    filtered.reset();

    static constexpr std::array<std::uint8_t, 8> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static constexpr std::array<std::uint8_t, 5> colour_type{0, 0, 4, 2, 6};  // by channel count
    constexpr std::size_t max_chunk = std::size_t{1} << 30;                   // PNG allows < 2^31
    std::vector<std::uint8_t> png;
    png.reserve(zlib_bytes + 64 + 12 * (zlib_bytes / max_chunk + 1));
    put_bytes(png, signature.data(), signature.size());
    // Width, height, then 8 bits per sample, the colour type, deflate, adaptive filters, no interlace.
    std::array<std::uint8_t, 13> header{0, 0, 0, 0, 0, 0, 0, 0, 8, colour_type[static_cast<std::size_t>(channels)], 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        header[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(size.w >> (24 - 8 * i));
        header[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(size.h >> (24 - 8 * i));
    }
    put_chunk(png, "IHDR", header.data(), header.size());
    for (std::size_t at = 0; at < zlib_bytes; at += max_chunk)
        put_chunk(png, "IDAT", zlib.get() + at, std::min(max_chunk, zlib_bytes - at));
    put_chunk(png, "IEND", nullptr, 0);
    return png;
}

std::vector<std::uint8_t> encode_png(const core::Image& image, const PngOptions& options) {
    const auto row_bytes = static_cast<std::size_t>(image.width * image.channels);
    return encode_png_rows(image.size(), image.channels,
                           [&](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
                               for (std::int64_t y = y0; y < y1; ++y)
                                   sink(y, image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
                           },
                           options);
}

}  // namespace tconv::io
