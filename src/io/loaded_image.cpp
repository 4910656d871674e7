// The pixel cap, checked from the header by every decoder with the same message.
#include "io/loaded_image.hpp"

#include "io/io_error.hpp"

namespace tconv::io {

void check_header_size(const std::string& name, std::int64_t width, std::int64_t height, const LoadLimits& limits) {
    if (width < 1 || height < 1) throw IoError(name, "image has no pixels");
    // Divided rather than multiplied: two 32-bit sides of a TIFF header overflow 64 bits.
    if (width > limits.max_pixels / height) {
        const std::string count =
            width <= std::int64_t{1} << 31 && height <= std::int64_t{1} << 31 ? " = " + std::to_string(width * height) : "";
        throw IoError(name, "image is " + std::to_string(height) + "x" + std::to_string(width) + count +
                                " pixels, over the limit of " + std::to_string(limits.max_pixels) + " (--max-pixels)");
    }
    if (limits.check_size) limits.check_size({height, width});
}

}  // namespace tconv::io
