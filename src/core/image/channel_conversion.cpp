// convert_channels: per pixel, the source read as grey, RGB and alpha, the target written from them.
#include "core/image/channel_conversion.hpp"

namespace tconv::core {

std::optional<int> parse_channel_target(std::string_view name) {
    if (name == "gray") return 1;
    if (name == "rgb") return 3;
    if (name == "rgba") return 4;
    return std::nullopt;
}

Image convert_channels(const Image& image, int channels) {
    if (image.channels == channels) return image;
    Image out = unwritten_image(image.size(), channels);
    const std::int64_t pixels = image.height * image.width;
    const bool colour = image.channels >= 3;
    const bool has_alpha = image.channels == 2 || image.channels == 4;
    for (std::int64_t p = 0; p < pixels; ++p) {
        const std::uint8_t* s = image.pixels.data() + p * image.channels;
        std::uint8_t* d = out.pixels.data() + p * channels;
        const std::uint8_t r = s[0], g = colour ? s[1] : s[0], b = colour ? s[2] : s[0];
        const std::uint8_t alpha = has_alpha ? s[image.channels - 1] : 255;
        if (channels == 1) {
            // 0.299 R + 0.587 G + 0.114 B in thousandths: exact, then half away from zero.
            d[0] = colour ? static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000) : r;
            continue;
        }
        d[0] = r;
        d[1] = g;
        d[2] = b;
        if (channels == 4) d[3] = alpha;
    }
    return out;
}

}  // namespace tconv::core
