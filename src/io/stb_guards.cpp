// stb_image 2.27's PNM header grammar (after the magic, white space and '#' comments
// before each run of digits; the byte after the last number is the one separator) and the TGA
// header's fixed layout, with the byte counts their pixel data needs.
#include "io/stb_guards.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace tconv::io {
namespace {

constexpr std::int64_t max_header_number = std::int64_t{1} << 24;  // stb's STBI_MAX_DIMENSIONS

}  // namespace

std::optional<PnmHeader> binary_pnm_header(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '6')) return std::nullopt;
    auto is_space = [](std::uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    PnmHeader h;
    h.channels = bytes[1] == '5' ? 1 : 3;
    std::int64_t* numbers[3] = {&h.width, &h.height, &h.max_value};
    std::size_t at = 2;  // stb examines the byte after the magic first (white space or a comment)
    for (std::int64_t* number : numbers) {
        while (at < bytes.size() && (is_space(bytes[at]) || bytes[at] == '#')) {
            if (bytes[at] == '#')
                while (at < bytes.size() && bytes[at] != '\n' && bytes[at] != '\r') ++at;
            else
                ++at;
        }
        for (; at < bytes.size() && bytes[at] >= '0' && bytes[at] <= '9'; ++at) {
            *number = *number * 10 + (bytes[at] - '0');
            if (*number > max_header_number) {
                h.max_value = -1;
                return h;
            }
        }
    }
    h.data_offset = at + 1;
    return h;
}

namespace {

/// Whether `b` starts as a format stb tests before TGA, which has no magic number of its own.
bool starts_as_other_stb_format(std::span<const std::uint8_t> b) {
    auto starts = [&](std::string_view magic) {
        return b.size() >= magic.size() && std::equal(magic.begin(), magic.end(), b.begin(),
                                                      [](char m, std::uint8_t c) { return static_cast<std::uint8_t>(m) == c; });
    };
    return starts("BM") || starts("GIF8") || starts("8BPS") || starts("\x53\x80\xF6\x34") || starts("#?") || starts("P");
}

/// The bytes an uncompressed TGA needs, or 0 for any other TGA or none.
std::uint64_t tga_needed_bytes(std::span<const std::uint8_t> b) {
    if (b.size() < 18 || starts_as_other_stb_format(b)) return 0;
    const int type = b[2];
    if (type != 1 && type != 2 && type != 3) return 0;  // RLE or not a TGA
    auto u16 = [&](std::size_t i) { return std::uint64_t{b[i]} | std::uint64_t{b[i + 1]} << 8; };
    const std::uint64_t palette = b[1] == 1 ? u16(5) * ((b[7] + 7u) / 8u) : 0;
    return 18 + b[0] + palette + u16(12) * u16(14) * ((b[16] + 7u) / 8u);
}

}  // namespace

const char* stb_header_problem(std::span<const std::uint8_t> bytes, bool whole) {
    if (const auto pnm = binary_pnm_header(bytes)) {
        if (pnm->max_value < 0) return "PNM header number is too large";
        if (pnm->width > 0 && pnm->height > 0 && pnm->max_value == 0) return "PNM max value is 0";
        const std::uint64_t sample_bytes = pnm->max_value > 255 ? 2 : 1;
        const std::uint64_t needed =
            pnm->data_offset + static_cast<std::uint64_t>(pnm->width * pnm->height * pnm->channels) * sample_bytes;
        if (whole && pnm->max_value > 0 && bytes.size() < needed) return "PNM file is shorter than its header says";
        return nullptr;
    }
    const std::uint64_t tga = tga_needed_bytes(bytes);
    if (whole && tga > 0 && bytes.size() < tga) return "TGA file is shorter than its header says";
    return nullptr;
}

}  // namespace tconv::io
