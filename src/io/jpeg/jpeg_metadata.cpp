// libjpeg-turbo's own marker API: saved markers on reading, jpeg_write_marker and
// jpeg_write_icc_profile on writing; errors go through the caller's error manager.
#include "io/jpeg/jpeg_metadata.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <jpeglib.h>

namespace tconv::io {
namespace {

constexpr int app1 = JPEG_APP0 + 1;
constexpr int app2 = JPEG_APP0 + 2;
constexpr std::uint8_t exif_id[6] = {'E', 'x', 'i', 'f', 0, 0};

}  // namespace

void save_jpeg_metadata_markers(jpeg_decompress_struct* cinfo) {
    jpeg_save_markers(cinfo, app1, 0xFFFF);
    jpeg_save_markers(cinfo, app2, 0xFFFF);
}

ImageMetadata read_jpeg_metadata(jpeg_decompress_struct* cinfo) {
    // The profile first, while nothing here has a destructor: libjpeg longjmps out when it cannot
    // allocate the profile's block.
    JOCTET* icc_bytes = nullptr;
    unsigned int icc_size = 0;
    jpeg_read_icc_profile(cinfo, &icc_bytes, &icc_size);  // false, with no block, when there is no profile
    const std::unique_ptr<JOCTET, decltype(&std::free)> icc(icc_bytes, &std::free);
    ImageMetadata m;
    if (icc) m.icc.assign(icc.get(), icc.get() + icc_size);
    for (jpeg_saved_marker_ptr s = cinfo->marker_list; s != nullptr; s = s->next)
        if (s->marker == app1 && s->data_length > 6 && std::equal(s->data, s->data + 6, exif_id)) {
            m.exif.assign(s->data + 6, s->data + s->data_length);
            break;
        }
    if (cinfo->saw_JFIF_marker && cinfo->X_density > 0 && cinfo->Y_density > 0 &&
        (cinfo->density_unit == 1 || cinfo->density_unit == 2 || cinfo->X_density != cinfo->Y_density)) {
        const ResolutionUnit unit = cinfo->density_unit == 1   ? ResolutionUnit::inch
                                    : cinfo->density_unit == 2 ? ResolutionUnit::centimetre
                                                               : ResolutionUnit::none;
        m.resolution = Resolution{static_cast<double>(cinfo->X_density), static_cast<double>(cinfo->Y_density), unit};
    }
    return m;
}

void set_jpeg_density(jpeg_compress_struct* cinfo, const ImageMetadata& m) {
    if (!m.resolution) return;
    if (const auto density = jfif_density(*m.resolution)) {
        cinfo->density_unit = density->unit;
        cinfo->X_density = density->x;
        cinfo->Y_density = density->y;
    }
}

void write_jpeg_metadata(jpeg_compress_struct* cinfo, const ImageMetadata& m) {
    // Byte by byte, with nothing to destroy here: an error inside libjpeg longjmps past this frame.
    if (!m.exif.empty()) {
        jpeg_write_m_header(cinfo, app1, static_cast<unsigned int>(sizeof exif_id + m.exif.size()));
        for (const std::uint8_t b : exif_id) jpeg_write_m_byte(cinfo, b);
        for (const std::uint8_t b : m.exif) jpeg_write_m_byte(cinfo, b);
    }
    if (!m.icc.empty() && m.icc.size() <= max_jpeg_icc_bytes)
        jpeg_write_icc_profile(cinfo, m.icc.data(), static_cast<unsigned int>(m.icc.size()));
}

}  // namespace tconv::io
