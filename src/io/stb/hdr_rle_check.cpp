// stb_image 2.27's HDR grammar, restated (stbi__hdr_gettoken, stbi__hdr_load): header lines to an
// empty one, the "-Y H +X W" line, then per scanline either flat RGBE pixels or four run-length
// coded channels, each a series of counts: over 128 a run of count - 128 copies, else count
// literal bytes. A count of 0 advances nothing, so stb reads it forever.
#include "io/stb/hdr_rle_check.hpp"

#include <cstdlib>
#include <cstring>
#include <string>

namespace tconv::io {
namespace {

/// stb's byte reader: 0 past the end.
struct Reader {
    std::span<const std::uint8_t> bytes;
    std::size_t at = 0;
    bool at_end() const { return at >= bytes.size(); }
    int get() { return at < bytes.size() ? bytes[at++] : 0; }
    /// One header line as stbi__hdr_gettoken reads it: up to '\n', at most 1023 bytes kept.
    std::string line() {
        std::string token;
        int c = get();
        while (!at_end() && c != '\n') {
            token.push_back(static_cast<char>(c));
            if (token.size() == 1023) {
                while (!at_end() && get() != '\n') {}
                break;
            }
            c = get();
        }
        return token;
    }
};

}  // namespace

const char* hdr_rle_problem(std::span<const std::uint8_t> bytes) {
    Reader in{bytes};
    // stb compares its tokens as C strings: a line that starts with NUL ends the header, and bytes
    // after a NUL do not count.
    const auto is = [](const std::string& token, const char* word) { return std::strcmp(token.c_str(), word) == 0; };
    const std::string magic = in.line();
    // What stb refuses itself (not HDR, no format line, another layout) it refuses in finite time.
    if (!is(magic, "#?RADIANCE") && !is(magic, "#?RGBE")) return nullptr;
    bool valid = false;
    for (std::string token = in.line(); token.c_str()[0] != '\0'; token = in.line())
        if (is(token, "FORMAT=32-bit_rle_rgbe")) valid = true;
    if (!valid) return nullptr;
    const std::string size = in.line();
    if (size.compare(0, 3, "-Y ") != 0) return nullptr;
    char* end = nullptr;
    const long height = std::strtol(size.c_str() + 3, &end, 10);
    while (*end == ' ') ++end;
    if (std::strncmp(end, "+X ", 3) != 0) return nullptr;
    const long width = std::strtol(end + 3, nullptr, 10);
    if (height < 1 || width < 1 || height > (1 << 24) || width > (1 << 24)) return nullptr;
    if (width < 8 || width >= 32768) return nullptr;  // flat pixels: no counts
    for (long y = 0; y < height; ++y) {
        const int c1 = in.get(), c2 = in.get(), high = in.get();
        if (c1 != 2 || c2 != 2 || (high & 0x80) != 0) return nullptr;  // stb reads the rest as flat pixels
        if ((high << 8 | in.get()) != width) return nullptr;           // stb's "invalid decoded scanline length"
        for (int channel = 0; channel < 4; ++channel)
            for (long x = 0; x < width;) {
                if (in.at_end()) return "HDR file is truncated inside a run-length scanline";
                int count = in.get();
                if (count == 0) return "HDR scanline holds a run of length 0";
                if (count > 128) {
                    count -= 128;
                    in.get();
                } else {
                    in.at += static_cast<std::size_t>(count);
                }
                if (count > width - x) return nullptr;  // stb's "bad RLE data"
                x += count;
            }
    }
    return in.at > bytes.size() ? "HDR file is truncated inside a run-length scanline" : nullptr;
}

}  // namespace tconv::io
