// libspng hands back the chunks decoded (the profile inflated, the values in host order); writing
// them is a matter of big-endian fields, and zlib for the profile (libdeflate, as the encoder's IDAT).
#include "io/png/png_metadata.hpp"

#include <memory>
#include <spng.h>
#include <string>

#include <libdeflate.h>

#include "io/io_error.hpp"
#include "io/png/png_chunk.hpp"

namespace tconv::io {
namespace {

/// A valid iCCP profile name: 1-79 printable Latin-1 bytes, no leading, trailing or double space.
bool valid_profile_name(const std::string& name) {
    if (name.empty() || name.size() > 79 || name.front() == ' ' || name.back() == ' ') return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (!((c >= 32 && c <= 126) || c >= 161) || (c == ' ' && name[i + 1] == ' ')) return false;
    }
    return true;
}

std::vector<std::uint8_t> zlib_compressed(const std::vector<std::uint8_t>& data) {
    const std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(libdeflate_alloc_compressor(9),
                                                                                              libdeflate_free_compressor);
    if (!compressor) throw IoError("", "cannot start the PNG compressor (out of memory)");
    std::vector<std::uint8_t> out(libdeflate_zlib_compress_bound(compressor.get(), data.size()));
    const std::size_t size = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
    if (size == 0) throw IoError("", "PNG compression failed");
    out.resize(size);
    return out;
}

}  // namespace

ImageMetadata read_png_metadata(spng_ctx* ctx) {
    ImageMetadata m;
    spng_iccp iccp{};
    if (spng_get_iccp(ctx, &iccp) == 0) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(iccp.profile);
        m.icc.assign(p, p + iccp.profile_len);
        m.icc_name = iccp.profile_name;
    }
    std::uint8_t intent = 0;
    if (spng_get_srgb(ctx, &intent) == 0) m.srgb_intent = intent;
    std::uint32_t gamma = 0;
    if (spng_get_gama_int(ctx, &gamma) == 0) m.gamma = gamma;
    spng_chrm_int c{};
    if (spng_get_chrm_int(ctx, &c) == 0)
        m.chroma = {c.white_point_x, c.white_point_y, c.red_x, c.red_y, c.green_x, c.green_y, c.blue_x, c.blue_y};
    spng_exif exif{};
    if (spng_get_exif(ctx, &exif) == 0) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(exif.data);
        m.exif.assign(p, p + exif.length);
    }
    spng_phys phys{};
    if (spng_get_phys(ctx, &phys) == 0 && phys.ppu_x > 0 && phys.ppu_y > 0)
        m.resolution = Resolution{static_cast<double>(phys.ppu_x), static_cast<double>(phys.ppu_y),
                                  phys.unit_specifier == 1 ? ResolutionUnit::metre : ResolutionUnit::none};
    return m;
}

void put_png_metadata(std::vector<std::uint8_t>& png, const ImageMetadata& m) {
    std::vector<std::uint8_t> data;
    auto put = [&](const char* type) {
        put_chunk(png, type, data.data(), data.size());
        data.clear();
    };
    if (m.chroma) {
        for (const std::uint32_t v : *m.chroma) put_u32(data, v);
        put("cHRM");
    }
    if (m.gamma) {
        put_u32(data, *m.gamma);
        put("gAMA");
    }
    if (!m.icc.empty()) {
        const std::string name = valid_profile_name(m.icc_name) ? m.icc_name : "icc";
        put_bytes(data, name.data(), name.size());
        data.push_back(0);  // the name's terminator
        data.push_back(0);  // compression method: zlib
        const std::vector<std::uint8_t> profile = zlib_compressed(m.icc);
        put_bytes(data, profile.data(), profile.size());
        put("iCCP");
    } else if (m.srgb_intent) {
        data.push_back(*m.srgb_intent);
        put("sRGB");
    }
    if (m.resolution)
        if (const auto phys = png_phys(*m.resolution)) {
            put_u32(data, phys->x);
            put_u32(data, phys->y);
            data.push_back(phys->unit);
            put("pHYs");
        }
    if (!m.exif.empty()) {
        put_bytes(data, m.exif.data(), m.exif.size());
        put("eXIf");
    }
}

}  // namespace tconv::io
