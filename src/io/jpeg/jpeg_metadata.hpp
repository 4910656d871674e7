// A JPEG's metadata through libjpeg-turbo: the ICC profile (APP2 "ICC_PROFILE" segments, joined in
// sequence order by jpeg_read_icc_profile, split by jpeg_write_icc_profile), EXIF (APP1 "Exif\0\0")
// and the JFIF density.
#pragma once
#include <cstddef>

#include "io/metadata/image_metadata.hpp"

struct jpeg_decompress_struct;
struct jpeg_compress_struct;

namespace tconv::io {

/// The largest ICC profile a JPEG holds: 255 APP2 segments (their sequence numbers are one byte,
/// from 1) of 65519 profile bytes each (65535 - 2 length bytes - "ICC_PROFILE\0" - 2 numbering).
constexpr std::size_t max_jpeg_icc_bytes = std::size_t{255} * 65519;

/// Asks libjpeg to keep the APP1 and APP2 segments: before jpeg_read_header.
void save_jpeg_metadata_markers(jpeg_decompress_struct* cinfo);

/// The profile, the first APP1 EXIF block and the JFIF density (unit 0 with a 1:1 aspect, libjpeg's
/// default, says nothing and is left out): after jpeg_read_header.
ImageMetadata read_jpeg_metadata(jpeg_decompress_struct* cinfo);

/// Sets the JFIF density from the resolution: after jpeg_set_defaults, before jpeg_start_compress.
void set_jpeg_density(jpeg_compress_struct* cinfo, const ImageMetadata& metadata);

/// Writes the EXIF (one APP1 segment; fit_metadata leaves out a larger block) and the ICC profile
/// (as many APP2 segments as it needs; fit_metadata leaves out one over max_jpeg_icc_bytes, and one
/// over it is not written): right after jpeg_start_compress.
void write_jpeg_metadata(jpeg_compress_struct* cinfo, const ImageMetadata& metadata);

}  // namespace tconv::io
