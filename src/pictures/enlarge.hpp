// Enlarged copies for looking at tiny images: nearest-neighbour xN with thin grid lines between cells.
#pragma once
#include <cstdint>

#include "core/image/image.hpp"

namespace tconv::pictures {

/// Each source pixel becomes a factor x factor cell (nearest neighbour), and a 1-pixel line of
/// `line_value` (every channel) runs before every cell and after the last, so the result is
/// (h*factor + h + 1) x (w*factor + w + 1); cell (y, x) starts at row 1 + y*(factor+1), column
/// 1 + x*(factor+1). factor >= 1.
core::Image enlarge_with_grid(const core::Image& in, std::int64_t factor, std::uint8_t line_value);

}  // namespace tconv::pictures
