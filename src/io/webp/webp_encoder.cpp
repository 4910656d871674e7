// libwebp's one-call encoders on RGB or RGBA rows; grey and grey+alpha are spread to RGB first.
#include "io/webp/webp_encoder.hpp"

#include <webp/encode.h>

#include "io/io_error.hpp"
#include "io/webp/webp_metadata.hpp"

namespace tconv::io {

std::vector<std::uint8_t> encode_webp(const core::Image& image, int quality, bool lossless, const ImageMetadata& metadata) {
    if (image.width > WEBP_MAX_DIMENSION || image.height > WEBP_MAX_DIMENSION)
        throw IoError("", "cannot encode WebP (a side is over " + std::to_string(WEBP_MAX_DIMENSION) + " pixels)");
    const bool alpha = image.channels == 2 || image.channels == 4;
    const int out_channels = alpha ? 4 : 3;
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(image.height * image.width * out_channels));
    const std::size_t pixels = static_cast<std::size_t>(image.height * image.width);
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint8_t* s = &image.pixels[i * image.channels];
        std::uint8_t* d = &rgb[i * out_channels];
        const bool grey = image.channels <= 2;
        for (int c = 0; c < 3; ++c) d[c] = s[grey ? 0 : c];
        if (alpha) d[3] = s[image.channels - 1];
    }
    const int w = static_cast<int>(image.width), h = static_cast<int>(image.height), stride = w * out_channels;
    std::uint8_t* encoded = nullptr;
    const auto q = static_cast<float>(quality);
    const std::size_t size = lossless ? (alpha ? WebPEncodeLosslessRGBA(rgb.data(), w, h, stride, &encoded)
                                               : WebPEncodeLosslessRGB(rgb.data(), w, h, stride, &encoded))
                                      : (alpha ? WebPEncodeRGBA(rgb.data(), w, h, stride, q, &encoded)
                                               : WebPEncodeRGB(rgb.data(), w, h, stride, q, &encoded));
    if (size == 0) {
        WebPFree(encoded);
        throw IoError("", "cannot encode WebP (libwebp failed)");
    }
    std::vector<std::uint8_t> out(encoded, encoded + size);
    WebPFree(encoded);
    return with_webp_metadata(std::move(out), metadata);
}

}  // namespace tconv::io
