// A rectangle cut out of an image (`tconv animate --crop`: part of a large image, at full resolution).
#pragma once
#include <cstdint>

#include "core/image.hpp"

namespace tconv::core {

/// Rows y .. y+h-1 and columns x .. x+w-1.
struct CropRect {
    std::int64_t y = 0, x = 0, h = 1, w = 1;
};

/// The pixels of `image` inside `rect`, all channels. Throws InvalidParams when the rectangle does not
/// lie inside the image.
Image crop_image(const Image& image, const CropRect& rect);

}  // namespace tconv::core
