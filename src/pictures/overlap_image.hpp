// The overlap map of a transposed convolution as a picture: brightest where most inputs land.
#pragma once
#include "core/image/image.hpp"
#include "core/kernel/overlap_map.hpp"

namespace tconv::pictures {

/// The map as an 8-bit grey image: value = round(count * 255 / max count), 0 where nothing lands
/// (all 0 if nothing lands anywhere).
core::Image overlap_image(const core::OverlapMap& map);

}  // namespace tconv::pictures
