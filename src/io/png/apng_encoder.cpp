// The APNG writer: each frame goes through the PNG encoder, then its IDAT data is re-framed. Reading
// back our own PNG (signature, IHDR, IDAT..., IEND) is simpler than a second encoder path.
#include "io/png/apng_encoder.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "io/io_error.hpp"
#include "io/png/png_chunk.hpp"

namespace tconv::io {
namespace {

constexpr std::size_t signature_bytes = 8;
constexpr std::size_t max_chunk = std::size_t{1} << 30;  // PNG allows < 2^31

std::uint32_t read_u32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
}

/// The parts of one encode_png output that the animation needs.
struct EncodedFrame {
    std::vector<std::uint8_t> head;  ///< signature and IHDR chunk, as written
    std::vector<std::uint8_t> zlib;  ///< every IDAT's data, joined
};

EncodedFrame split_png(const std::vector<std::uint8_t>& png) {
    EncodedFrame f;
    std::size_t at = signature_bytes;
    while (at + 12 <= png.size()) {
        const std::size_t length = read_u32(png.data() + at);
        const std::string_view type(reinterpret_cast<const char*>(png.data() + at + 4), 4);
        if (type == "IHDR") f.head.assign(png.begin(), png.begin() + static_cast<std::ptrdiff_t>(at + 12 + length));
        if (type == "IDAT") put_bytes(f.zlib, png.data() + at + 8, length);
        at += 12 + length;
    }
    return f;
}

void put_u16(std::vector<std::uint8_t>& out, std::uint16_t v) {
    const std::array<std::uint8_t, 2> big_endian{static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    put_bytes(out, big_endian.data(), 2);
}

}  // namespace

std::vector<std::uint8_t> encode_apng(std::int64_t frames, const FrameProducer& frame, std::uint16_t delay_ms,
                                      const PngOptions& options) {
    if (frames < 1 || frames > 0x7fffffff) throw IoError("", "an animation holds 1 to 2^31 - 1 frames");
    std::vector<std::uint8_t> apng;
    std::uint32_t sequence = 0;
    core::Extent2 size{};
    int channels = 0;
    for (std::int64_t k = 0; k < frames; ++k) {
        const core::Image image = frame(k);
        if (k == 0) {
            size = image.size();
            channels = image.channels;
        } else if (image.size() != size || image.channels != channels) {
            throw IoError("", "the frames of an animation must all have the first one's size and channels");
        }
        const EncodedFrame encoded = split_png(encode_png(image, options));
        if (k == 0) {
            apng = encoded.head;
            std::vector<std::uint8_t> actl;
            put_u32(actl, static_cast<std::uint32_t>(frames));
            put_u32(actl, 0);  // plays: 0 loops forever
            put_chunk(apng, "acTL", actl.data(), actl.size());
        }
        std::vector<std::uint8_t> fctl;
        put_u32(fctl, sequence++);
        put_u32(fctl, static_cast<std::uint32_t>(size.w));
        put_u32(fctl, static_cast<std::uint32_t>(size.h));
        put_u32(fctl, 0);  // x offset
        put_u32(fctl, 0);  // y offset
        put_u16(fctl, delay_ms);
        put_u16(fctl, 1000);                          // the delay's denominator: milliseconds
        const std::array<std::uint8_t, 2> ops{0, 0};  // dispose none, blend source
        put_bytes(fctl, ops.data(), ops.size());
        put_chunk(apng, "fcTL", fctl.data(), fctl.size());
        for (std::size_t at = 0; at < encoded.zlib.size(); at += max_chunk - 4) {
            const std::size_t n = std::min(max_chunk - 4, encoded.zlib.size() - at);
            if (k == 0) {
                put_chunk(apng, "IDAT", encoded.zlib.data() + at, n);
            } else {
                std::vector<std::uint8_t> fdat;
                fdat.reserve(n + 4);
                put_u32(fdat, sequence++);
                put_bytes(fdat, encoded.zlib.data() + at, n);
                put_chunk(apng, "fdAT", fdat.data(), fdat.size());
            }
        }
    }
    put_chunk(apng, "IEND", nullptr, 0);
    return apng;
}

}  // namespace tconv::io
