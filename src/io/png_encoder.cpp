// PNG encoding with stb_image_write into a growing buffer.
#include "io/png_encoder.hpp"

#include <limits>

#include "io/io_error.hpp"
#include "io/stb.hpp"

namespace tconv::io {

std::vector<std::uint8_t> encode_png(const core::Image& image) {
    constexpr auto int_max = std::numeric_limits<int>::max();
    if (image.width > int_max / image.channels || image.height > int_max)
        throw IoError("", "image is too large for the PNG encoder");
    std::vector<std::uint8_t> out;
    auto append = [](void* context, void* data, int size) {
        auto* buffer = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* bytes = static_cast<const std::uint8_t*>(data);
        buffer->insert(buffer->end(), bytes, bytes + size);
    };
    const int ok = stbi_write_png_to_func(append, &out, static_cast<int>(image.width), static_cast<int>(image.height),
                                          image.channels, image.pixels.data(), static_cast<int>(image.width) * image.channels);
    if (!ok) throw IoError("", "PNG encoding failed");
    return out;
}

}  // namespace tconv::io
