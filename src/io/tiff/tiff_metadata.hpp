// A TIFF's metadata through libtiff's tags: the ICC profile (tag 34675), XResolution, YResolution and
// ResolutionUnit, and on writing the Orientation. Its EXIF is not carried: a TIFF keeps EXIF's
// fields as tags of its own IFD, beside the tags that describe its pixels, not as one block.
#pragma once
#include "io/metadata/image_metadata.hpp"

struct tiff;

namespace tconv::io {

/// The ICC profile and resolution of the current directory of `tif`.
ImageMetadata read_tiff_metadata(struct tiff* tif);

/// Sets the ICC profile, resolution (per metre written per centimetre) and orientation tags of the
/// directory being written.
void set_tiff_metadata(struct tiff* tif, const ImageMetadata& metadata);

}  // namespace tconv::io
