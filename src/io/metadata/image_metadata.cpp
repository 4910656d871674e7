// What each output format holds of an image's metadata, in one place: PNG all of it; JPEG the ICC
// profile (up to 255 APP2 segments), EXIF (one APP1 segment) and density; WebP the ICC profile and
// EXIF; PNG, JPEG and WebP the orientation in EXIF; TIFF the ICC profile, resolution and orientation
// (its EXIF would have to be rebuilt as TIFF tags: not written); BMP the resolution (pixels per
// metre); TGA, PNM and PAM none.
#include "io/metadata/image_metadata.hpp"

#include <cmath>
#include <string_view>
#include <utility>

#include "io/jpeg/jpeg_metadata.hpp"
#include "io/metadata/exif_entries.hpp"

namespace tconv::io {
namespace {

/// The largest EXIF block one JPEG APP1 segment holds: 65535 - 2 length bytes - "Exif\0\0".
constexpr std::size_t max_jpeg_exif = 65527;

/// The ICC header's data colour space (bytes 16-19, e.g. "RGB ", "GRAY", "CMYK"), trailing spaces
/// removed; empty for a profile shorter than its header.
std::string icc_colour_space(const std::vector<std::uint8_t>& icc) {
    if (icc.size() < 128) return {};
    std::string space(icc.begin() + 16, icc.begin() + 20);
    while (!space.empty() && (space.back() == ' ' || space.back() == '\0')) space.pop_back();
    return space;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

std::optional<long> rounded_in(double v, double low, double high) {
    if (!std::isfinite(v) || std::round(v) < low || std::round(v) > high) return std::nullopt;
    return std::lround(v);
}

}  // namespace

bool ImageMetadata::empty() const {
    return icc.empty() && !srgb_intent && !gamma && !chroma && exif.empty() && !resolution && orientation == 1;
}

ImageMetadata metadata_for_output(ImageMetadata m, int stored_orientation, bool auto_oriented, core::Extent2 size) {
    m.orientation = auto_oriented ? 1 : stored_orientation;
    if (auto_oriented) set_exif_orientation(m.exif, 1);
    set_exif_pixel_size(m.exif, size);
    return m;
}

MetadataFit fit_metadata(OutputFormat format, ImageMetadata m, int channels) {
    const bool png = format == OutputFormat::png, jpeg = format == OutputFormat::jpeg, webp = format == OutputFormat::webp,
               tiff = format == OutputFormat::tiff;
    std::vector<std::string> unheld;
    std::string mismatch;
    if (!m.icc.empty()) {
        // WebP has no grey: grey is written as RGB.
        const std::string_view written = channels >= 3 || webp ? "RGB" : "GRAY";
        const std::string space = icc_colour_space(m.icc);
        if (!(png || jpeg || webp || tiff)) {
            unheld.push_back("ICC profile");
        } else if (jpeg && m.icc.size() > max_jpeg_icc_bytes) {
            unheld.push_back("ICC profile (over the " + std::to_string(max_jpeg_icc_bytes) + " bytes of 255 APP2 segments)");
        } else if (space != written) {
            mismatch = "dropped the input's ICC profile, which is for " +
                       (space.empty() ? std::string("no colour space") : space) + " and the pixels written are " +
                       std::string(written);
        }
        if (!unheld.empty() || !mismatch.empty()) {
            m.icc.clear();
            m.icc_name.clear();
        }
    }
    if ((m.srgb_intent || m.gamma || m.chroma) && !png) {
        unheld.push_back("sRGB/gAMA/cHRM chunks");
        m.srgb_intent.reset();
        m.gamma.reset();
        m.chroma.reset();
    }
    if (!m.exif.empty() && !(png || webp || (jpeg && m.exif.size() <= max_jpeg_exif))) {
        unheld.push_back(jpeg ? "EXIF (over the " + std::to_string(max_jpeg_exif) + " bytes of one APP1 segment)" : "EXIF");
        m.exif.clear();
    }
    const auto phys = m.resolution ? png_phys(*m.resolution) : std::nullopt;
    const bool bmp_holds = format == OutputFormat::bmp && phys && phys->unit == 1;  // pixels per metre
    if (m.resolution && !((png && phys) || (jpeg && jfif_density(*m.resolution)) || tiff || bmp_holds)) {
        unheld.push_back("resolution");
        m.resolution.reset();
    }
    if (!tiff && exif_orientation(m.exif) != m.orientation) {
        // An orientation from a TIFF's tag goes into EXIF, where the input has none, as vips writes it.
        if ((png || jpeg || webp) && m.exif.empty())
            m.exif = exif_of_orientation(m.orientation);
        else if (!(png || jpeg || webp) || !set_exif_orientation(m.exif, m.orientation))
            unheld.push_back("orientation");
    }
    if (!tiff) m.orientation = 1;
    std::string dropped;
    if (!unheld.empty())
        dropped = "dropped the input's " + joined(unheld) + ", which " + output_format_text(format) +
                  " cannot hold (--strip drops metadata without a warning)";
    if (!mismatch.empty()) dropped += (dropped.empty() ? "" : "; ") + mismatch;
    return {std::move(m), std::move(dropped)};
}

std::optional<JfifDensity> jfif_density(const Resolution& r) {
    // Per metre becomes per inch: 11811 per metre is 300.0 per inch (299.9994), not 118 per cm (299.7).
    const double scale = r.unit == ResolutionUnit::metre ? 0.0254 : 1;
    const auto x = rounded_in(r.x * scale, 1, 65535), y = rounded_in(r.y * scale, 1, 65535);
    if (!x || !y) return std::nullopt;
    const std::uint8_t unit = r.unit == ResolutionUnit::none ? 0 : r.unit == ResolutionUnit::centimetre ? 2 : 1;
    return JfifDensity{unit, static_cast<std::uint16_t>(*x), static_cast<std::uint16_t>(*y)};
}

std::optional<PngPhys> png_phys(const Resolution& r) {
    const double scale = r.unit == ResolutionUnit::inch ? 1 / 0.0254 : r.unit == ResolutionUnit::centimetre ? 100 : 1;
    const auto x = rounded_in(r.x * scale, 1, 0x7FFFFFFF), y = rounded_in(r.y * scale, 1, 0x7FFFFFFF);
    if (!x || !y) return std::nullopt;
    return PngPhys{static_cast<std::uint32_t>(*x), static_cast<std::uint32_t>(*y),
                   static_cast<std::uint8_t>(r.unit == ResolutionUnit::none ? 0 : 1)};
}

}  // namespace tconv::io
