// Cropping: whole rows copied from the source.
#include "core/image/image_crop.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace tconv::core {

Image crop_image(const Image& image, const CropRect& r) {
    if (r.y + r.h > image.height || r.x + r.w > image.width)
        throw InvalidParams("the crop " + std::to_string(r.y) + "," + std::to_string(r.x) + "," + std::to_string(r.h) + "," +
                            std::to_string(r.w) + " reaches outside the " + std::to_string(image.height) + "x" +
                            std::to_string(image.width) + " image (HxW)");
    Image out = unwritten_image({r.h, r.w}, image.channels, image.depth);
    const auto pixel_bytes = static_cast<std::int64_t>(image.channels * image.sample_bytes());
    const auto row_bytes = static_cast<std::ptrdiff_t>(r.w * pixel_bytes);
    for (std::int64_t y = 0; y < r.h; ++y) {
        const auto src = image.pixels.begin() + static_cast<std::ptrdiff_t>(((r.y + y) * image.width + r.x) * pixel_bytes);
        std::copy(src, src + row_bytes, out.pixels.begin() + static_cast<std::ptrdiff_t>(y) * row_bytes);
    }
    return out;
}

}  // namespace tconv::core
