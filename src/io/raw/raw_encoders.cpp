// Headers of BMP (BITMAPFILEHEADER + BITMAPINFOHEADER or BITMAPV4HEADER, little-endian, rows padded
// to 4 bytes), TGA (18 bytes, little-endian) and the netpbm text headers, then the samples.
#include "io/raw/raw_encoders.hpp"

#include <cstring>
#include <string>

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

void put_le(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

/// Channel c (0 R, 1 G, 2 B, 3 A) of a pixel of `channels` samples at `s`.
std::uint8_t sample(const std::uint8_t* s, int channels, int c) {
    if (c == 3) return channels == 2 || channels == 4 ? s[channels - 1] : 255;
    return channels <= 2 ? s[0] : s[c];
}

/// The header, then the first `keep` channels of each pixel: bytes, or 16-bit samples big-endian as
/// netpbm stores them.
std::vector<std::uint8_t> netpbm(const core::Image& image, const std::string& header, int keep) {
    std::vector<std::uint8_t> out(header.begin(), header.end());
    const std::size_t pixels = static_cast<std::size_t>(image.height * image.width);
    out.reserve(out.size() + pixels * static_cast<std::size_t>(keep) * image.sample_bytes());
    for (std::size_t i = 0; i < pixels; ++i)
        for (int c = 0; c < keep; ++c) {
            const std::size_t at = i * static_cast<std::size_t>(image.channels) + static_cast<std::size_t>(c);
            if (image.depth != 16) {
                out.push_back(image.pixels[at]);
                continue;
            }
            std::uint16_t v = 0;
            std::memcpy(&v, image.pixels.data() + 2 * at, 2);
            out.push_back(static_cast<std::uint8_t>(v >> 8));
            out.push_back(static_cast<std::uint8_t>(v));
        }
    return out;
}

}  // namespace

std::vector<std::uint8_t> encode_bmp(const core::Image& image, const std::optional<Resolution>& resolution) {
    const bool alpha = image.channels == 2 || image.channels == 4;
    const std::uint64_t bytes_per_pixel = alpha ? 4 : 3;
    const std::uint64_t stride = (static_cast<std::uint64_t>(image.width) * bytes_per_pixel + 3) / 4 * 4;
    const std::uint64_t info = alpha ? 108 : 40;
    const std::uint64_t data = stride * static_cast<std::uint64_t>(image.height);
    if (14 + info + data > 0xFFFFFFFFu || image.width > 0x7FFFFFFF || image.height > 0x7FFFFFFF)
        throw IoError("", "cannot encode BMP (over 4 GiB)");
    std::vector<std::uint8_t> out;
    out.reserve(14 + info + data);
    out.push_back('B');
    out.push_back('M');
    put_le(out, 14 + info + data, 4);
    put_le(out, 0, 4);
    put_le(out, 14 + info, 4);
    put_le(out, info, 4);
    put_le(out, static_cast<std::uint64_t>(image.width), 4);
    put_le(out, static_cast<std::uint64_t>(image.height), 4);  // positive: bottom-up
    put_le(out, 1, 2);
    put_le(out, bytes_per_pixel * 8, 2);
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
    for (std::int64_t y = image.height - 1; y >= 0; --y) {
        const std::size_t row_start = out.size();
        for (std::int64_t x = 0; x < image.width; ++x) {
            const std::uint8_t* s = &image.pixels[static_cast<std::size_t>((y * image.width + x) * image.channels)];
            out.push_back(sample(s, image.channels, 2));
            out.push_back(sample(s, image.channels, 1));
            out.push_back(sample(s, image.channels, 0));
            if (alpha) out.push_back(sample(s, image.channels, 3));
        }
        while (out.size() - row_start < stride) out.push_back(0);
    }
    return out;
}

std::vector<std::uint8_t> encode_tga(const core::Image& image) {
    if (image.width > 65535 || image.height > 65535) throw IoError("", "cannot encode TGA (a side is over 65535 pixels)");
    const bool grey = image.channels == 1;
    const bool alpha = image.channels == 2 || image.channels == 4;
    std::vector<std::uint8_t> out{0, 0, static_cast<std::uint8_t>(grey ? 3 : 2), 0, 0, 0, 0, 0, 0, 0, 0, 0};
    put_le(out, static_cast<std::uint64_t>(image.width), 2);
    put_le(out, static_cast<std::uint64_t>(image.height), 2);
    out.push_back(static_cast<std::uint8_t>(grey ? 8 : alpha ? 32 : 24));
    out.push_back(static_cast<std::uint8_t>(0x20 | (alpha ? 8 : 0)));  // top-left origin, alpha bits
    const std::size_t pixels = static_cast<std::size_t>(image.height * image.width);
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint8_t* s = &image.pixels[i * image.channels];
        if (grey) {
            out.push_back(s[0]);
            continue;
        }
        out.push_back(sample(s, image.channels, 2));
        out.push_back(sample(s, image.channels, 1));
        out.push_back(sample(s, image.channels, 0));
        if (alpha) out.push_back(sample(s, image.channels, 3));
    }
    return out;
}

std::vector<std::uint8_t> encode_pnm(const core::Image& image) {
    const bool grey = image.channels <= 2;
    return netpbm(image,
                  std::string(grey ? "P5\n" : "P6\n") + std::to_string(image.width) + " " + std::to_string(image.height) + "\n" +
                      std::to_string(image.max_value()) + "\n",
                  grey ? 1 : 3);
}

std::vector<std::uint8_t> encode_pam(const core::Image& image) {
    static const char* const tuple_types[] = {"GRAYSCALE", "GRAYSCALE_ALPHA", "RGB", "RGB_ALPHA"};
    return netpbm(image,
                  "P7\nWIDTH " + std::to_string(image.width) + "\nHEIGHT " + std::to_string(image.height) + "\nDEPTH " +
                      std::to_string(image.channels) + "\nMAXVAL " + std::to_string(image.max_value()) + "\nTUPLTYPE " +
                      tuple_types[image.channels - 1] + "\nENDHDR\n",
                  image.channels);
}

}  // namespace tconv::io
