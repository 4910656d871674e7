// One frame of `tconv animate` as shown: the partial scatter, enlarged with grid lines when zoomed,
// the stamps just added outlined.
#pragma once
#include <cstdint>

#include "core/conv/partial_scatter.hpp"
#include "core/image/image.hpp"

namespace tconv::pictures {

/// The outline's colour (RGB): magenta, which no grid line has.
inline constexpr std::uint8_t outline_rgb[3] = {255, 0, 255};

/// zoom 1: `frame` itself (its channels, no outline). zoom >= 2: rgb_view(frame) enlarged by `zoom`
/// with grid lines (enlarge_with_grid, grid_value), and when `added` is not empty the grid lines
/// around its cells drawn in outline_rgb: rows added.top*(zoom+1) and added.bottom*(zoom+1), columns
/// added.left*(zoom+1) and added.right*(zoom+1), between those corners.
core::Image animation_frame(const core::Image& frame, std::int64_t zoom, const core::OutputRect& added);

}  // namespace tconv::pictures
