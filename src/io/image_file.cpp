// stb_image decoding behind tconv's caps: header first (stbi_info), pixels only when they fit.
#include "io/image_file.hpp"

#include <limits>
#include <memory>

#include "io/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/stb.hpp"

namespace tconv::io {

LoadedImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits) {
    if (bytes.empty()) throw IoError(name, "file is empty");
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw IoError(name, "file is larger than 2 GiB, which stb_image cannot read");
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int w = 0, h = 0, n = 0;
    if (!stbi_info_from_memory(data, len, &w, &h, &n))
        throw IoError(name, std::string("not a readable image (") + stbi_failure_reason() + ")");
    if (w < 1 || h < 1) throw IoError(name, "image has no pixels");
    const std::int64_t pixels = std::int64_t{w} * h;
    if (pixels > limits.max_pixels)
        throw IoError(name, "image is " + std::to_string(h) + "x" + std::to_string(w) + " = " + std::to_string(pixels) +
                                " pixels, over the limit of " + std::to_string(limits.max_pixels) + " (--max-pixels)");
    LoadedImage out;
    out.reduced_from_16_bit = stbi_is_16_bit_from_memory(data, len) != 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> decoded(stbi_load_from_memory(data, len, &w, &h, &n, 0), stbi_image_free);
    if (!decoded) throw IoError(name, std::string("cannot decode image (") + stbi_failure_reason() + ")");
    out.image.height = h;
    out.image.width = w;
    out.image.channels = n;
    out.image.pixels.assign(decoded.get(), decoded.get() + static_cast<std::size_t>(pixels) * static_cast<std::size_t>(n));
    return out;
}

LoadedImage load_image(const std::string& path, const LoadLimits& limits) {
    const auto bytes = read_file_bytes(path, limits.max_file_bytes);
    return decode_image(bytes, path, limits);
}

}  // namespace tconv::io
