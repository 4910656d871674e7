// The pixel cap, checked from the header by every decoder with the same message.
#include "io/input/loaded_image.hpp"

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

const char* sample_kind(std::int64_t sample_bytes) {
    return sample_bytes == 1 ? "8-bit" : sample_bytes == 2 ? "16-bit" : "float32";
}

}  // namespace

std::string pixel_cap_problem(std::string_view what, const core::ImageFootprint& f, std::int64_t max_pixels) {
    const std::int64_t counted = core::counted_pixels(f);
    if (counted <= max_pixels) return {};
    using std::to_string;
    const std::string shape = std::string(what) + " " + (f.frames > 1 ? to_string(f.frames) + " frames of " : "") +
                              to_string(f.size.h) + "x" + to_string(f.size.w);
    if (!core::counts_bytes(f))
        return shape + " = " + to_string(counted) + " pixels, over the limit of " + to_string(max_pixels) + " (--max-pixels)";
    return shape + "x" + to_string(f.channels) + " " + sample_kind(f.sample_bytes) +
           " samples = " + to_string(core::footprint_bytes(f)) + " bytes, over the limit of " + to_string(max_pixels) +
           " pixels of " + to_string(core::counted_pixel_bytes) + " bytes (--max-pixels)";
}

void check_header_size(const std::string& name, std::int64_t width, std::int64_t height, const LoadLimits& limits, int channels,
                       int depth) {
    if (width < 1 || height < 1) throw IoError(name, "image has no pixels");
    // Divided rather than multiplied: two 32-bit sides of a TIFF header overflow 64 bits.
    if (width > limits.max_pixels / height) {
        const std::string count =
            width <= std::int64_t{1} << 31 && height <= std::int64_t{1} << 31 ? " = " + std::to_string(width * height) : "";
        throw IoError(name, "image is " + std::to_string(height) + "x" + std::to_string(width) + count +
                                " pixels, over the limit of " + std::to_string(limits.max_pixels) + " (--max-pixels)");
    }
    const std::string problem = pixel_cap_problem("image is", {{height, width}, channels, depth / 8}, limits.max_pixels);
    if (!problem.empty()) throw IoError(name, problem);
    if (limits.check_size) limits.check_size({{height, width}, channels, depth});
}

}  // namespace tconv::io
