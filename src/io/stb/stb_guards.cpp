// stb_image 2.27's PNM header grammar (after the magic, white space and '#' comments
// before each run of digits; the byte after the last number is the one separator), the fixed
// headers of TGA, BMP and PSD with the bytes their pixel data needs, and their run-length packets
// walked as stb reads them: stb reads past the end of a file as zeros.
#include "io/stb/stb_guards.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "io/stb/gif_frames.hpp"

namespace tconv::io {
namespace {

constexpr std::int64_t max_header_number = std::int64_t{1} << 24;  // stb's STBI_MAX_DIMENSIONS
constexpr std::uint64_t max_side = std::uint64_t{1} << 24;

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

auto le16(std::span<const std::uint8_t> b, std::size_t i) { return std::uint64_t{b[i]} | std::uint64_t{b[i + 1]} << 8; }
auto le32(std::span<const std::uint8_t> b, std::size_t i) { return le16(b, i) | le16(b, i + 2) << 16; }
auto be16(std::span<const std::uint8_t> b, std::size_t i) { return std::uint64_t{b[i]} << 8 | b[i + 1]; }
auto be32(std::span<const std::uint8_t> b, std::size_t i) { return be16(b, i) << 16 | be16(b, i + 2); }

/// Why a TGA is shorter than its header says (uncompressed: its pixel bytes; run-length: its
/// packets, walked as stb reads them, which stop once they cover the image), or nullptr.
const char* tga_problem(std::span<const std::uint8_t> b) {
    if (b.size() < 18 || starts_as_other_stb_format(b)) return nullptr;
    const int type = b[2];
    const bool rle = type == 9 || type == 10 || type == 11;
    if (type != 1 && type != 2 && type != 3 && !rle) return nullptr;  // not a TGA stb reads
    const std::uint64_t palette = b[1] == 1 ? le16(b, 5) * ((b[7] + 7u) / 8u) : 0;
    const std::uint64_t pixel_bytes = (b[16] + 7u) / 8u, pixels = le16(b, 12) * le16(b, 14);
    std::uint64_t at = 18 + b[0] + palette;
    if (!rle) return b.size() < at + pixels * pixel_bytes ? "TGA file is shorter than its header says" : nullptr;
    for (std::uint64_t done = 0; done < pixels;) {
        if (at >= b.size()) return "TGA file ends inside its run-length data";
        const std::uint8_t packet = b[at++];
        const std::uint64_t count = std::min<std::uint64_t>((packet & 0x7Fu) + 1u, pixels - done);
        at += (packet & 0x80) != 0 ? pixel_bytes : count * pixel_bytes;
        done += count;
    }
    return at > b.size() ? "TGA file ends inside its run-length data" : nullptr;
}

/// Why an uncompressed BMP (stb reads no other) is shorter than its header says, or nullptr: its
/// rows, each padded to 4 bytes, start at the header's pixel offset.
const char* bmp_problem(std::span<const std::uint8_t> b) {
    if (b.size() < 30 || b[0] != 'B' || b[1] != 'M') return nullptr;
    const std::uint64_t offset = le32(b, 10), header = le32(b, 14);
    const bool os2 = header == 12;
    const std::uint64_t width = os2 ? le16(b, 18) : le32(b, 18);
    std::uint64_t height = os2 ? le16(b, 20) : le32(b, 22);
    if (!os2 && height >= 0x80000000u) height = 0x100000000u - height;  // negative: rows stored top down
    const std::uint64_t bits = os2 ? le16(b, 24) : le16(b, 28);
    // stb refuses these sizes and depths, and compressed BMPs.
    if (width == 0 || height == 0 || width > max_side || height > max_side || bits == 0 || bits > 32) return nullptr;
    if (!os2 && (b.size() < 34 || (le32(b, 30) != 0 && le32(b, 30) != 3))) return nullptr;
    const std::uint64_t row = (width * bits + 31) / 32 * 4;
    const std::uint64_t needed = offset + (height - 1) * row + (width * bits + 7) / 8;
    return b.size() < needed ? "BMP file is shorter than its header says" : nullptr;
}

/// Why an RGB PSD (stb reads no other) is shorter than its header says, or nullptr: the first four
/// channels' samples (stb reads no more), raw or run-length coded (PackBits, walked as stb reads it).
const char* psd_problem(std::span<const std::uint8_t> b) {
    constexpr const char* short_psd = "PSD file is shorter than its header says";
    if (b.size() < 26 || be32(b, 0) != 0x38425053 || be16(b, 4) != 1 || be16(b, 24) != 3) return nullptr;
    const std::uint64_t channels = be16(b, 12), depth = be16(b, 22), pixels = be32(b, 14) * be32(b, 18);
    if (channels > 16 || (depth != 8 && depth != 16) || be32(b, 14) > max_side || be32(b, 18) > max_side)
        return nullptr;  // stb refuses these
    std::uint64_t at = 26;
    for (int section = 0; section < 3; ++section) {  // colour mode data, image resources, layers and masks
        if (at + 4 > b.size()) return short_psd;
        at += 4 + be32(b, at);
    }
    if (at + 2 > b.size()) return short_psd;
    const std::uint64_t compression = be16(b, at), read = std::min<std::uint64_t>(channels, 4);
    at += 2;
    if (compression > 1) return nullptr;
    if (compression == 0) return b.size() < at + read * pixels * (depth / 8) ? short_psd : nullptr;
    at += be32(b, 14) * channels * 2;  // the byte count of each row of each channel
    for (std::uint64_t channel = 0; channel < read; ++channel)
        for (std::uint64_t done = 0; done < pixels;) {
            if (at >= b.size()) return short_psd;
            const std::uint8_t n = b[at++];
            if (n == 128) continue;
            const std::uint64_t count = n < 128 ? n + 1u : 257u - n;
            if (count > pixels - done) return nullptr;  // stb's own "bad RLE data"
            at += n < 128 ? count : 1;
            done += count;
        }
    return at > b.size() ? short_psd : nullptr;
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
    if (!whole) return nullptr;
    if (const char* problem = bmp_problem(bytes)) return problem;
    if (const char* problem = psd_problem(bytes)) return problem;
    if (gif_ends_inside_first_image(bytes)) return "GIF file ends inside its first image";
    return tga_problem(bytes);
}

}  // namespace tconv::io
