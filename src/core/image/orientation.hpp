// Turning an image upright from its EXIF orientation (1..8): the flips and quarter turns that
// ImageMagick's -auto-orient, vips autorot and PIL's ImageOps.exif_transpose apply.
#pragma once
#include "core/image/image.hpp"

namespace tconv::core {

/// The upright image for stored pixels `stored` tagged `orientation` (EXIF numbering: 1 as stored,
/// 2 mirrored left-right, 3 turned 180 degrees, 4 mirrored top-bottom, 5 transposed, 6 to be turned
/// 90 degrees clockwise, 7 transversed, 8 to be turned 90 degrees anticlockwise). 5 to 8 swap height
/// and width. Any other value gives the image as stored.
Image upright(const Image& stored, int orientation);

/// Whether `orientation` swaps height and width (5 to 8).
inline bool orientation_swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

}  // namespace tconv::core
