// A rectangle cut out of an image (`tconv animate --crop`: part of a large image, at full resolution).
#pragma once
#include "core/geometry/crop_rect.hpp"
#include "core/image/image.hpp"

namespace tconv::core {

/// The pixels of `image` inside `rect`, all channels. Throws InvalidParams when the rectangle does not
/// lie inside the image.
Image crop_image(const Image& image, const CropRect& rect);

}  // namespace tconv::core
