// The entries of an EXIF block (the TIFF structure a JPEG's APP1 "Exif" segment, a PNG's eXIf chunk
// or a WebP's EXIF chunk holds) that tconv reads or rewrites in place: IFD0's Orientation, and the
// Exif IFD's PixelXDimension and PixelYDimension.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/geometry/extent.hpp"

namespace tconv::io {

/// The orientation (1..8, EXIF's numbering) in `tiff` (the EXIF block from its "II*\0" or "MM\0*"
/// header on), read from IFD0; 1 when the block is malformed, lacks the tag or holds another value.
int exif_orientation(std::span<const std::uint8_t> tiff);

/// Overwrites IFD0's Orientation entry (a SHORT, count 1) of `tiff` with `orientation` in place;
/// leaves the block as it is when it is malformed or has no such entry. Returns whether it wrote.
bool set_exif_orientation(std::span<std::uint8_t> tiff, int orientation);

/// An EXIF block (little-endian) whose IFD0 holds the Orientation `orientation` alone: for an output
/// whose input had an orientation but no EXIF (a TIFF's tag), as vips writes one.
std::vector<std::uint8_t> exif_of_orientation(int orientation);

/// Overwrites the Exif IFD's PixelXDimension (size.w) and PixelYDimension (size.h) entries in place,
/// each where it exists as a SHORT or LONG of count 1 and the value fits its type (a SHORT entry of
/// a side over 65535 is left as it is); the block is otherwise untouched.
void set_exif_pixel_size(std::span<std::uint8_t> tiff, core::Extent2 size);

}  // namespace tconv::io
