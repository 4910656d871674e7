// What an image holds beside its pixels and tconv carries from input to output: the ICC profile,
// PNG's sRGB/gAMA/cHRM, EXIF and the resolution; what each output format can hold of them, and
// what the output's EXIF says after the convolution.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/extent.hpp"
#include "io/output/output_format.hpp"

namespace tconv::io {

/// The unit of a Resolution: `none` gives only the pixels' aspect ratio (PNG pHYs unit 0, JFIF
/// density unit 0, TIFF RESUNIT_NONE).
enum class ResolutionUnit { none, inch, centimetre, metre };

/// Pixels per unit along each axis (x: columns, y: rows), both > 0.
struct Resolution {
    double x = 0;
    double y = 0;
    ResolutionUnit unit = ResolutionUnit::none;
    friend bool operator==(const Resolution&, const Resolution&) = default;
};

/// Everything an input held beside its pixels that tconv keeps. Values are as the file stored them.
struct ImageMetadata {
    std::vector<std::uint8_t> icc;                       ///< the ICC profile (uncompressed, whole); empty: none
    std::string icc_name;                                ///< PNG iCCP's profile name; empty when the input had none
    std::optional<std::uint8_t> srgb_intent;             ///< PNG sRGB: the rendering intent, 0..3
    std::optional<std::uint32_t> gamma;                  ///< PNG gAMA: the file gamma times 100000
    std::optional<std::array<std::uint32_t, 8>> chroma;  ///< PNG cHRM: white, red, green, blue x, y times 100000
    std::vector<std::uint8_t> exif;  ///< EXIF from its TIFF header ("II*\0" or "MM\0*") on, no "Exif\0\0"; empty: none
    std::optional<Resolution> resolution;
    /// The EXIF orientation (1..8) of the pixels written, for a format that has a tag of its own
    /// for it (TIFF); set by metadata_for_output, 1 as decoded.
    int orientation = 1;

    /// Whether there is nothing to write (orientation 1 being no information).
    bool empty() const;
};

/// The metadata to write for an output of `size` made from an input whose stored pixels had
/// `stored_orientation`: with `auto_oriented` the pixels were turned upright, so the EXIF
/// orientation is set to 1; otherwise the stored orientation is kept. The EXIF pixel size
/// (PixelXDimension/PixelYDimension) is set to `size`, as vips does (ImageMagick 6 leaves it
/// stale); the resolution is kept unchanged, as both do.
ImageMetadata metadata_for_output(ImageMetadata metadata, int stored_orientation, bool auto_oriented, core::Extent2 size);

/// What of `metadata` an output of `format` holding `channels` (1 grey .. 4 RGBA, as written) keeps,
/// and the one-line note of what it drops ("BMP holds no ICC profile or EXIF: dropped"), empty when
/// it drops nothing. An ICC profile whose colour space is not the pixels' (a CMYK profile once CMYK
/// was decoded to RGB, a grey one once grey was spread to RGB) is dropped too.
struct MetadataFit {
    ImageMetadata kept;
    std::string dropped;
};
MetadataFit fit_metadata(OutputFormat format, ImageMetadata metadata, int channels);

/// The JFIF density a resolution is written as: unit 0 (aspect ratio), 1 (per inch) or 2 (per
/// centimetre), and x, y in 1..65535, rounded; per metre is written per inch. nullopt when the
/// values do not fit.
struct JfifDensity {
    std::uint8_t unit = 0;
    std::uint16_t x = 1;
    std::uint16_t y = 1;
};
std::optional<JfifDensity> jfif_density(const Resolution& r);

/// The PNG pHYs a resolution is written as: unit 0 (aspect ratio) or 1 (per metre), x and y in
/// 1..2^31-1, rounded. nullopt when the values do not fit.
struct PngPhys {
    std::uint32_t x = 1;
    std::uint32_t y = 1;
    std::uint8_t unit = 0;
};
std::optional<PngPhys> png_phys(const Resolution& r);

}  // namespace tconv::io
