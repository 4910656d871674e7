// libtiff reads and writes these tags by TIFFGetField/TIFFSetField; RESOLUTIONUNIT defaults to inch
// (the TIFF specification's default) when a file gives resolutions without it.
#include "io/tiff/tiff_metadata.hpp"

#include <cstdint>

#include <tiffio.h>

namespace tconv::io {

ImageMetadata read_tiff_metadata(TIFF* tif) {
    ImageMetadata m;
    std::uint32_t icc_size = 0;
    void* icc = nullptr;
    if (TIFFGetField(tif, TIFFTAG_ICCPROFILE, &icc_size, &icc) && icc != nullptr) {
        const auto* p = static_cast<const std::uint8_t*>(icc);
        m.icc.assign(p, p + icc_size);
    }
    float x = 0, y = 0;
    std::uint16_t unit = RESUNIT_INCH;
    if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x) && TIFFGetField(tif, TIFFTAG_YRESOLUTION, &y) && x > 0 && y > 0) {
        TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
        m.resolution = Resolution{x, y,
                                  unit == RESUNIT_CENTIMETER ? ResolutionUnit::centimetre
                                  : unit == RESUNIT_NONE     ? ResolutionUnit::none
                                                             : ResolutionUnit::inch};
    }
    return m;
}

void set_tiff_metadata(TIFF* tif, const ImageMetadata& m) {
    TIFFSetField(tif, TIFFTAG_ORIENTATION, static_cast<std::uint16_t>(m.orientation));
    if (!m.icc.empty()) TIFFSetField(tif, TIFFTAG_ICCPROFILE, static_cast<std::uint32_t>(m.icc.size()), m.icc.data());
    if (m.resolution) {
        const Resolution& r = *m.resolution;
        const double scale = r.unit == ResolutionUnit::metre ? 0.01 : 1;
        TIFFSetField(tif, TIFFTAG_XRESOLUTION, r.x * scale);
        TIFFSetField(tif, TIFFTAG_YRESOLUTION, r.y * scale);
        TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT,
                     static_cast<std::uint16_t>(r.unit == ResolutionUnit::none   ? RESUNIT_NONE
                                                : r.unit == ResolutionUnit::inch ? RESUNIT_INCH
                                                                                 : RESUNIT_CENTIMETER));
    }
}

}  // namespace tconv::io
