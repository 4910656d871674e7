// The Orientation tag (0x0112) of an EXIF block, the TIFF structure a JPEG's APP1 "Exif" segment,
// a PNG's eXIf chunk or a WebP's EXIF chunk holds: how the stored pixels must turn to be upright.
#pragma once
#include <cstdint>
#include <span>

namespace tconv::io {

/// The orientation (1..8, EXIF's numbering) in `tiff` (the EXIF block from its "II*\0" or "MM\0*"
/// header on), read from IFD0; 1 when the block is malformed, lacks the tag or holds another value.
int exif_orientation(std::span<const std::uint8_t> tiff);

}  // namespace tconv::io
