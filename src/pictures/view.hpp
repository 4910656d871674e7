// Views of small images for people: RGB copies and enlargements to about view_size pixels across.
#pragma once
#include <cstdint>

#include "core/image/image.hpp"

namespace tconv::pictures {

/// Enlarged copies are about this many pixels across, so that the panels of a sheet are alike.
inline constexpr std::int64_t view_size = 256;
/// The grey of the grid lines between enlarged cells.
inline constexpr std::uint8_t grid_value = 160;

/// max(1, view_size / max(h, w)): the nearest-neighbour factor that brings `size` to about view_size.
std::int64_t view_factor(core::Extent2 size);

/// The image with 3 channels: grey repeated into R, G and B; alpha (of grey+alpha or RGBA) dropped,
/// so what is seen is the colour that was convolved.
core::Image rgb_view(const core::Image& image);

/// rgb_view(image) enlarged by view_factor with grid lines of grid_value (enlarge_with_grid) when the
/// factor is above 1; the plain rgb_view otherwise (a grid at factor 1 would hide every other pixel).
core::Image enlarged_view(const core::Image& image);

}  // namespace tconv::pictures
