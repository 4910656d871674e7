// A rectangle of an image (`tconv animate --crop`): geometry only, no pixels.
#pragma once
#include <cstdint>

namespace tconv::core {

/// Rows y..y+h-1 and columns x..x+w-1.
struct CropRect {
    std::int64_t y = 0, x = 0, h = 1, w = 1;
};

}  // namespace tconv::core
