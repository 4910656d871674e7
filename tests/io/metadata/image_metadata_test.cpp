// io's metadata: what each decoder reads from PIL-made files (tests/reference/make_metadata_fixtures.py:
// a real ROMM-RGB profile byte for byte, a 187 KB CMYK profile over three APP2 segments, a profile
// split in reverse sequence order), what fit_metadata keeps per output format, and each writer's
// output read back by the format's library (libspng, libjpeg-turbo, libwebp, libtiff).
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <libdeflate.h>

#include "io/file_fixture.hpp"
#include "io/input/image_file.hpp"
#include "io/jpeg/jpeg_metadata.hpp"
#include "io/metadata/exif_entries.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/image_encoder.hpp"
#include "io/png/png_encoder.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
using tconv::io::ImageMetadata;
using tconv::io::OutputFormat;
using tconv::io::Resolution;
using tconv::io::ResolutionUnit;

std::string fixture(const std::string& name) { return std::string(TCONV_TEST_DATA) + "/fixtures/metadata/" + name; }

using tconv::test::file_bytes;

tconv::io::LoadedImage load(const std::string& name) { return tconv::io::load_image(fixture(name), {}); }

const Bytes& romm() {
    static const Bytes profile = file_bytes(fixture("rommrgb.icc"));
    return profile;
}

/// What every fixture's EXIF says: Orientation 6.
void check_exif(const Bytes& exif) {
    REQUIRE(exif.size() > 8);
    CHECK(exif[0] == 'M');
    CHECK(tconv::io::exif_orientation(exif) == 6);
}

/// A 5x3 RGB image, every sample different.
tconv::core::Image rgb_image() {
    tconv::core::Image image = tconv::core::unwritten_image({3, 5}, 3);
    for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = static_cast<std::uint8_t>(i * 7);
    return image;
}

}  // namespace

TEST_CASE("PNG iCCP gAMA cHRM eXIf and pHYs are read as PIL wrote them", "[io][metadata]") {
    const auto loaded = load("icc_exif_phys.png");
    const ImageMetadata& m = loaded.metadata;
    CHECK(m.icc == romm());
    CHECK(m.icc_name == "ICC Profile");  // PIL's name for every profile
    CHECK(m.gamma == 45455u);
    REQUIRE(m.chroma);
    CHECK(*m.chroma == std::array<std::uint32_t, 8>{31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000});
    CHECK_FALSE(m.srgb_intent);
    check_exif(m.exif);
    CHECK(m.resolution == Resolution{11811, 11811, ResolutionUnit::metre});  // PIL: round(300 / 0.0254)
    CHECK(loaded.orientation == 6);
}

TEST_CASE("PNG sRGB is read with its intent", "[io][metadata]") {
    const ImageMetadata m = load("srgb.png").metadata;
    CHECK(m.srgb_intent == std::uint8_t{0});
    CHECK(m.icc.empty());
    CHECK(m.exif.empty());
    CHECK_FALSE(m.resolution);
}

TEST_CASE("JPEG APP2 APP1 and JFIF density are read", "[io][metadata]") {
    const ImageMetadata m = load("icc_exif.jpg").metadata;
    CHECK(m.icc == romm());
    check_exif(m.exif);
    CHECK(m.resolution == Resolution{300, 300, ResolutionUnit::inch});
}

TEST_CASE("JPEG ICC segments are joined in sequence order not file order", "[io][metadata]") {
    CHECK(load("split_icc.jpg").metadata.icc == romm());
}

TEST_CASE("JPEG ICC profile over three APP2 segments is read whole", "[io][metadata]") {
    const Bytes profile = load("cmyk_icc.jpg").metadata.icc;
    const Bytes text = file_bytes(fixture("cmyk_icc.jpg.icc"));  // "SIZE CRC32", from PIL and zlib
    std::istringstream expected(std::string(text.begin(), text.end()));
    std::size_t size = 0;
    std::uint32_t crc = 0;
    expected >> size >> crc;
    REQUIRE(size > 2 * 65519);
    CHECK(profile.size() == size);
    CHECK(libdeflate_crc32(0, profile.data(), profile.size()) == crc);
}

TEST_CASE("WebP ICCP and EXIF chunks are read", "[io][metadata]") {
    const ImageMetadata m = load("icc_exif.webp").metadata;
    CHECK(m.icc == romm());
    check_exif(m.exif);
}

TEST_CASE("TIFF ICC tag and resolution are read", "[io][metadata]") {
    const auto loaded = load("icc_res.tif");
    CHECK(loaded.metadata.icc == romm());
    CHECK(loaded.metadata.resolution == Resolution{300, 300, ResolutionUnit::inch});
    CHECK(loaded.metadata.exif.empty());
    CHECK(loaded.orientation == 6);
}

TEST_CASE("fit_metadata keeps what each format holds and names the rest", "[io][metadata]") {
    ImageMetadata all = load("icc_exif_phys.png").metadata;
    all.srgb_intent = 0;
    all.orientation = 6;
    const struct {
        OutputFormat format;
        bool icc, colour, exif, resolution;
        int orientation;
        const char* dropped;
    } cases[] = {
        {OutputFormat::png, true, true, true, true, 1, ""},
        {OutputFormat::jpeg, true, false, true, true, 1,
         "dropped the input's sRGB/gAMA/cHRM chunks, which JPEG cannot hold (--strip drops metadata without a warning)"},
        {OutputFormat::webp, true, false, true, false, 1,
         "dropped the input's sRGB/gAMA/cHRM chunks and resolution, which WebP cannot hold (--strip drops metadata without a "
         "warning)"},
        {OutputFormat::tiff, true, false, false, true, 6,
         "dropped the input's sRGB/gAMA/cHRM chunks and EXIF, which TIFF cannot hold (--strip drops metadata without a "
         "warning)"},
        {OutputFormat::bmp, false, false, false, true, 1,
         "dropped the input's ICC profile, sRGB/gAMA/cHRM chunks, EXIF and orientation, which BMP cannot hold "
         "(--strip drops metadata without a warning)"},
        {OutputFormat::pam, false, false, false, false, 1,
         "dropped the input's ICC profile, sRGB/gAMA/cHRM chunks, EXIF, resolution and orientation, which PAM cannot hold "
         "(--strip drops metadata without a warning)"},
    };
    for (const auto& c : cases) {
        CAPTURE(tconv::io::output_format_text(c.format));
        const auto fit = tconv::io::fit_metadata(c.format, all, 3);
        CHECK(fit.kept.icc.empty() == !c.icc);
        CHECK(bool(fit.kept.srgb_intent) == c.colour);
        CHECK(bool(fit.kept.gamma) == c.colour);
        CHECK(fit.kept.exif.empty() == !c.exif);
        CHECK(bool(fit.kept.resolution) == c.resolution);
        CHECK(fit.kept.orientation == c.orientation);
        CHECK(fit.dropped == c.dropped);
    }
}

TEST_CASE("fit_metadata drops a profile that is not for the pixels written", "[io][metadata]") {
    ImageMetadata cmyk;
    cmyk.icc = load("cmyk_icc.jpg").metadata.icc;
    const auto fit = tconv::io::fit_metadata(OutputFormat::png, cmyk, 3);
    CHECK(fit.kept.icc.empty());
    CHECK(fit.dropped == "dropped the input's ICC profile, which is for CMYK and the pixels written are RGB");
    ImageMetadata rgb;
    rgb.icc = romm();
    CHECK(tconv::io::fit_metadata(OutputFormat::png, rgb, 1).kept.icc.empty());     // grey pixels
    CHECK(tconv::io::fit_metadata(OutputFormat::webp, rgb, 1).kept.icc == romm());  // WebP writes grey as RGB
    CHECK(tconv::io::fit_metadata(OutputFormat::png, rgb, 4).dropped.empty());
}

TEST_CASE("fit_metadata writes a TIFF's orientation into EXIF for PNG, JPEG and WebP, as vips does", "[io][metadata]") {
    const auto tiff = load("icc_res.tif");
    REQUIRE(tiff.metadata.exif.empty());
    const ImageMetadata m = tconv::io::metadata_for_output(tiff.metadata, tiff.orientation, false, {6, 10});
    for (const OutputFormat format : {OutputFormat::png, OutputFormat::jpeg, OutputFormat::webp}) {
        CAPTURE(tconv::io::output_format_text(format));
        const auto fit = tconv::io::fit_metadata(format, m, 3);
        CHECK(fit.dropped == (format == OutputFormat::webp
                                  ? "dropped the input's resolution, which WebP cannot hold (--strip drops "
                                    "metadata without a warning)"
                                  : ""));
        CHECK(tconv::io::exif_orientation(fit.kept.exif) == 6);
        // Read back by the format's library from the encoded file.
        const tconv::core::Image image = tconv::core::blank_image({10, 6}, 3);
        const auto back = tconv::io::decode_image(tconv::io::encode_image(image, format, {}, fit.kept), "back", {});
        CHECK(back.orientation == 6);
    }
    CHECK(tconv::io::fit_metadata(OutputFormat::bmp, m, 3).dropped ==
          "dropped the input's ICC profile and orientation, which BMP cannot hold (--strip drops metadata without a warning)");
}

TEST_CASE("fit_metadata keeps an ICC profile in JPEG up to 255 APP2 segments, and drops a larger one", "[io][metadata]") {
    ImageMetadata m;
    m.icc = romm();
    m.icc.resize(tconv::io::max_jpeg_icc_bytes, 0);  // the header still says RGB
    const auto fits = tconv::io::fit_metadata(OutputFormat::jpeg, m, 3);
    CHECK(fits.dropped.empty());
    const tconv::core::Image image = tconv::core::blank_image({2, 3}, 3);
    // libjpeg's reader joins the segments by their sequence numbers: they must run 1..255 once each.
    CHECK(tconv::io::decode_image(tconv::io::encode_image(image, OutputFormat::jpeg, {}, fits.kept), "back", {}).metadata.icc ==
          m.icc);
    m.icc.push_back(0);
    const auto over = tconv::io::fit_metadata(OutputFormat::jpeg, m, 3);
    CHECK(over.kept.icc.empty());
    CHECK(over.dropped ==
          "dropped the input's ICC profile (over the 16707345 bytes of 255 APP2 segments), which JPEG cannot hold (--strip "
          "drops metadata without a warning)");
    CHECK(tconv::io::fit_metadata(OutputFormat::png, m, 3).kept.icc == m.icc);
}

TEST_CASE("metadata_for_output sets orientation 1 only when turned upright and the pixel size always", "[io][metadata]") {
    const ImageMetadata in = load("icc_exif.jpg").metadata;
    const ImageMetadata kept = tconv::io::metadata_for_output(in, 6, false, {6, 10});
    CHECK(tconv::io::exif_orientation(kept.exif) == 6);
    CHECK(kept.orientation == 6);
    const ImageMetadata upright = tconv::io::metadata_for_output(in, 6, true, {10, 6});
    CHECK(tconv::io::exif_orientation(upright.exif) == 1);
    CHECK(upright.orientation == 1);
    CHECK(upright.exif.size() == in.exif.size());
    CHECK(upright.icc == in.icc);
    CHECK(upright.resolution == in.resolution);
}

TEST_CASE("resolutions convert between units as the formats store them", "[io][metadata]") {
    const auto dpi = tconv::io::jfif_density({11811, 5906, ResolutionUnit::metre});
    REQUIRE(dpi);
    CHECK(dpi->unit == 1);
    CHECK(dpi->x == 300);  // 299.9994
    CHECK(dpi->y == 150);  // 150.01
    CHECK(tconv::io::jfif_density({118.11, 118.11, ResolutionUnit::centimetre})->x == 118);
    CHECK_FALSE(tconv::io::jfif_density({70000, 300, ResolutionUnit::inch}));
    const auto phys = tconv::io::png_phys({300, 72, ResolutionUnit::inch});
    REQUIRE(phys);
    CHECK(phys->x == 11811);
    CHECK(phys->y == 2835);
    CHECK(phys->unit == 1);
    CHECK(tconv::io::png_phys({2, 1, ResolutionUnit::none})->unit == 0);
}

TEST_CASE("each writer's metadata reads back through the format's library", "[io][metadata]") {
    ImageMetadata m = load("icc_exif_phys.png").metadata;
    m.orientation = 6;
    for (const OutputFormat format : {OutputFormat::png, OutputFormat::jpeg, OutputFormat::webp, OutputFormat::tiff}) {
        CAPTURE(tconv::io::output_format_text(format));
        const auto fit = tconv::io::fit_metadata(format, m, 3);
        const Bytes bytes = tconv::io::encode_image(rgb_image(), format, {90, true}, fit.kept);
        const auto back = tconv::io::decode_image(bytes, "out", {});
        CHECK(back.metadata.icc == romm());
        CHECK(back.metadata.exif == fit.kept.exif);
        CHECK(back.orientation == 6);
        if (format == OutputFormat::png) {
            CHECK(back.metadata.icc_name == "ICC Profile");
            CHECK(back.metadata.gamma == m.gamma);
            CHECK(back.metadata.chroma == m.chroma);
            CHECK(back.metadata.resolution == m.resolution);
        }
        if (format == OutputFormat::jpeg) CHECK(back.metadata.resolution == Resolution{300, 300, ResolutionUnit::inch});
        if (format == OutputFormat::tiff) {
            REQUIRE(back.metadata.resolution);
            CHECK(back.metadata.resolution->unit == ResolutionUnit::centimetre);
            CHECK(back.metadata.resolution->x == Approx(118.11));
        }
    }
}

TEST_CASE("PNG writes sRGB when there is no profile and never both", "[io][metadata]") {
    ImageMetadata m;
    m.srgb_intent = 1;
    CHECK(tconv::io::decode_image(tconv::io::encode_png(rgb_image(), {}, 1, m), "out", {}).metadata.srgb_intent ==
          std::uint8_t{1});
    m.icc = romm();
    const auto back = tconv::io::decode_image(tconv::io::encode_png(rgb_image(), {}, 1, m), "out", {}).metadata;
    CHECK(back.icc == romm());
    CHECK_FALSE(back.srgb_intent);
}
