// Headers of BMP (BITMAPFILEHEADER + BITMAPINFOHEADER or BITMAPV4HEADER, little-endian, rows padded
// to 4 bytes), TGA (18 bytes, little-endian) and the netpbm text headers, then the samples, gathered
// into writes of about 1 MiB.
#include "io/raw/raw_encoders.hpp"

#include <cstring>
#include <string>
#include <vector>

#include "io/io_error.hpp"
#include "io/output/ordered_rows.hpp"

namespace tconv::io {
namespace {

void put_le(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void put_text(std::vector<std::uint8_t>& out, const std::string& text) { out.insert(out.end(), text.begin(), text.end()); }

/// Channel c (0 R, 1 G, 2 B, 3 A) of a pixel of `channels` samples at `s`.
std::uint8_t sample(const std::uint8_t* s, int channels, int c) {
    if (c == 3) return channels == 2 || channels == 4 ? s[channels - 1] : 255;
    return channels <= 2 ? s[0] : s[c];
}

/// What each format stores of a row, and where the rows go.
struct RawLayout {
    OutputFormat format;
    core::Extent2 size;
    int channels;
    int depth;
    bool alpha() const { return channels == 2 || channels == 4; }
    /// Bytes of one row in the file, padding included.
    std::uint64_t stride() const {
        const auto w = static_cast<std::uint64_t>(size.w);
        switch (format) {
            case OutputFormat::bmp: return (w * (alpha() ? 4 : 3) + 3) / 4 * 4;
            case OutputFormat::tga: return w * (channels == 1 ? 1 : alpha() ? 4 : 3);
            case OutputFormat::pnm: return w * (channels <= 2 ? 1 : 3) * static_cast<std::uint64_t>(depth / 8);
            default: return w * static_cast<std::uint64_t>(channels * depth / 8);
        }
    }
};

std::vector<std::uint8_t> bmp_header(const RawLayout& f, const std::optional<Resolution>& resolution) {
    const bool alpha = f.alpha();
    const std::uint64_t info = alpha ? 108 : 40;
    const std::uint64_t data = f.stride() * static_cast<std::uint64_t>(f.size.h);
    if (14 + info + data > 0xFFFFFFFFu || f.size.w > 0x7FFFFFFF || f.size.h > 0x7FFFFFFF)
        throw IoError("", "cannot encode BMP (over 4 GiB)");
    std::vector<std::uint8_t> out{'B', 'M'};
    put_le(out, 14 + info + data, 4);
    put_le(out, 0, 4);
    put_le(out, 14 + info, 4);
    put_le(out, info, 4);
    put_le(out, static_cast<std::uint64_t>(f.size.w), 4);
    put_le(out, static_cast<std::uint64_t>(f.size.h), 4);  // positive: bottom-up
    put_le(out, 1, 2);
    put_le(out, alpha ? 32 : 24, 2);
    put_le(out, alpha ? 3 : 0, 4);  // BI_BITFIELDS with alpha, else BI_RGB
    put_le(out, data, 4);
    // Pixels per metre: the input's, else 72 dpi, as ImageMagick writes by default.
    const auto phys = resolution ? png_phys(*resolution) : std::nullopt;
    const bool metric = phys && phys->unit == 1;
    put_le(out, metric ? phys->x : 2835, 4);
    put_le(out, metric ? phys->y : 2835, 4);
    put_le(out, 0, 4);
    put_le(out, 0, 4);
    if (alpha) {
        put_le(out, 0x00FF0000, 4);  // red, green, blue, alpha masks
        put_le(out, 0x0000FF00, 4);
        put_le(out, 0x000000FF, 4);
        put_le(out, 0xFF000000, 4);
        put_le(out, 0x73524742, 4);                      // LCS_sRGB
        for (int i = 0; i < 12; ++i) put_le(out, 0, 4);  // endpoints and gamma, unused with sRGB
    }
    return out;
}

std::vector<std::uint8_t> tga_header(const RawLayout& f) {
    if (f.size.w > 65535 || f.size.h > 65535) throw IoError("", "cannot encode TGA (a side is over 65535 pixels)");
    const bool grey = f.channels == 1;
    std::vector<std::uint8_t> out{0, 0, static_cast<std::uint8_t>(grey ? 3 : 2), 0, 0, 0, 0, 0, 0, 0, 0, 0};
    put_le(out, static_cast<std::uint64_t>(f.size.w), 2);
    put_le(out, static_cast<std::uint64_t>(f.size.h), 2);
    out.push_back(static_cast<std::uint8_t>(grey ? 8 : f.alpha() ? 32 : 24));
    out.push_back(static_cast<std::uint8_t>(0x20 | (f.alpha() ? 8 : 0)));  // top-left origin, alpha bits
    return out;
}

std::vector<std::uint8_t> header(const RawLayout& f, const std::optional<Resolution>& resolution) {
    const std::string max_value = f.depth == 16 ? "65535" : "255";
    const std::string w = std::to_string(f.size.w), h = std::to_string(f.size.h);
    std::vector<std::uint8_t> out;
    switch (f.format) {
        case OutputFormat::bmp: return bmp_header(f, resolution);
        case OutputFormat::tga: return tga_header(f);
        case OutputFormat::pnm:
            put_text(out, std::string(f.channels <= 2 ? "P5\n" : "P6\n") + w + " " + h + "\n" + max_value + "\n");
            break;
        default: {
            static const char* const tuple_types[] = {"GRAYSCALE", "GRAYSCALE_ALPHA", "RGB", "RGB_ALPHA"};
            put_text(out, "P7\nWIDTH " + w + "\nHEIGHT " + h + "\nDEPTH " + std::to_string(f.channels) + "\nMAXVAL " + max_value +
                              "\nTUPLTYPE " + tuple_types[f.channels - 1] + "\nENDHDR\n");
        }
    }
    return out;
}

/// Appends row `s` as the file stores it.
void put_row(const RawLayout& f, const std::uint8_t* s, std::vector<std::uint8_t>& out) {
    const std::size_t start = out.size();
    const auto w = static_cast<std::size_t>(f.size.w);
    const int channels = f.channels;
    if (f.format == OutputFormat::bmp || f.format == OutputFormat::tga) {
        const bool alpha = f.alpha();
        for (std::size_t x = 0; x < w; ++x, s += channels) {
            if (f.format == OutputFormat::tga && channels == 1) {
                out.push_back(s[0]);
                continue;
            }
            out.push_back(sample(s, channels, 2));
            out.push_back(sample(s, channels, 1));
            out.push_back(sample(s, channels, 0));
            if (alpha) out.push_back(sample(s, channels, 3));
        }
        while (out.size() - start < f.stride()) out.push_back(0);
        return;
    }
    // netpbm: the first `keep` channels, bytes or 16-bit samples big-endian.
    const int keep = f.format == OutputFormat::pnm ? (channels <= 2 ? 1 : 3) : channels;
    for (std::size_t x = 0; x < w; ++x)
        for (int c = 0; c < keep; ++c) {
            const std::size_t at = x * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c);
            if (f.depth != 16) {
                out.push_back(s[at]);
                continue;
            }
            std::uint16_t v = 0;
            std::memcpy(&v, s + 2 * at, 2);
            out.push_back(static_cast<std::uint8_t>(v >> 8));
            out.push_back(static_cast<std::uint8_t>(v));
        }
}

}  // namespace

void encode_raw_rows(OutputFormat format, core::Extent2 size, int channels, int depth, const core::RowProducer& rows, int threads,
                     ByteSink& sink, const std::optional<Resolution>& resolution) {
    const RawLayout f{format, size, channels, depth};
    const std::vector<std::uint8_t> head = header(f, resolution);
    const std::uint64_t start = sink.written();
    sink.write(head);
    const std::uint64_t stride = f.stride();
    constexpr std::size_t gathered = std::size_t{1} << 20;
    const bool bottom_up = format == OutputFormat::bmp;
    if (bottom_up) {
        const std::vector<std::uint8_t> zeros(gathered);
        for (std::uint64_t left = stride * static_cast<std::uint64_t>(size.h); left > 0;) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, zeros.size()));
            sink.write(std::span(zeros).first(n));
            left -= n;
        }
    }
    // Rows gathered top to bottom; a BMP's go in reverse, ending where the last one gathered starts.
    std::vector<std::uint8_t> out, reversed;
    std::int64_t next = 0;  // the first row not yet written
    auto flush = [&](std::int64_t end) {
        if (out.empty()) return;
        if (!bottom_up) {
            sink.write(out);
        } else {
            reversed.resize(out.size());
            const auto n = static_cast<std::size_t>(end - next);
            for (std::size_t i = 0; i < n; ++i)
                std::memcpy(reversed.data() + (n - 1 - i) * stride, out.data() + i * stride, static_cast<std::size_t>(stride));
            sink.overwrite(start + head.size() + static_cast<std::uint64_t>(size.h - end) * stride, reversed);
        }
        out.clear();
        next = end;
    };
    const std::size_t row_bytes = static_cast<std::size_t>(size.w * channels) * static_cast<std::size_t>(depth / 8);
    use_rows_in_order(size.h, row_bytes, rows, threads, [&](std::int64_t y, const std::uint8_t* row) {
        put_row(f, row, out);
        if (out.size() >= gathered) flush(y + 1);
    });
    flush(size.h);
}

}  // namespace tconv::io
