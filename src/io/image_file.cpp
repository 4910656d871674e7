// stb_image decoding behind tconv's caps: header first (stbi_info), pixels only when they fit.
#include "io/image_file.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "io/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/stb.hpp"

namespace tconv::io {
namespace {

/// stb_image 2.27 reads the three numbers of a binary PNM header (P5/P6) into an int without an
/// overflow check (undefined behaviour), so a header number over 2^24 (STBI_MAX_DIMENSIONS, and
/// far over PNM's 65535 max value) is refused here first. Walks stb's grammar: one byte after the
/// magic, then white space and '#' comments before each run of digits.
bool pnm_header_overflows(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '6')) return false;
    auto is_space = [](std::uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    std::size_t at = 2;
    for (int number = 0; number < 3; ++number) {
        while (at < bytes.size() && (is_space(bytes[at]) || bytes[at] == '#')) {
            if (bytes[at] == '#')
                while (at < bytes.size() && bytes[at] != '\n' && bytes[at] != '\r') ++at;
            else
                ++at;
        }
        std::int64_t value = 0;
        for (; at < bytes.size() && bytes[at] >= '0' && bytes[at] <= '9'; ++at) {
            value = value * 10 + (bytes[at] - '0');
            if (value > (std::int64_t{1} << 24)) return true;
        }
    }
    return false;
}

/// stb_image 2.27 trusts a JPEG's Huffman tables in two ways that no valid JPEG needs: it copies a
/// table (DHT) of n codes into arrays of 256 without checking n (up to 16 * 255: a heap overflow
/// with the file's bytes), and it decodes a scan (SOS) with tables that were never defined (reads
/// of uninitialised memory, used as array indices). Walks the markers as stb does (segments by
/// their length, a DHT by what stb reads of it, other bytes skipped until 0xFF) and returns why the
/// file is refused, or nullptr.
const char* jpeg_huffman_tables_unsafe(std::span<const std::uint8_t> bytes) {
    auto at_or_zero = [&](std::size_t i) -> std::size_t { return i < bytes.size() ? bytes[i] : 0; };  // as stb past EOF
    std::size_t at = 0;
    while (at < bytes.size() && bytes[at] == 0xFF) ++at;  // stb takes any number of fill bytes before SOI
    if (at == 0 || at_or_zero(at) != 0xD8) return nullptr;
    ++at;
    bool defined[2][4] = {};  // [DC, AC][table id]
    bool progressive = false;
    while (at < bytes.size()) {
        if (bytes[at] != 0xFF) {
            ++at;
            continue;
        }
        while (at < bytes.size() && bytes[at] == 0xFF) ++at;
        if (at >= bytes.size()) break;
        const std::uint8_t marker = bytes[at++];
        if (marker == 0xD9) break;                                                             // EOI: stb stops
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // no segment
        const std::size_t length = at_or_zero(at) << 8 | at_or_zero(at + 1);
        if (marker >= 0xC0 && marker <= 0xC2) progressive = marker == 0xC2;
        if (marker == 0xDA) {
            // A progressive scan uses the DC tables (spectral start 0) or the AC tables; any other
            // scan uses both.
            const std::size_t components = at_or_zero(at + 2);
            const bool dc = !progressive || at_or_zero(at + 3 + 2 * components) == 0;
            const bool ac = !progressive || !dc;
            for (std::size_t c = 0; c < components; ++c) {
                const std::size_t tables = at_or_zero(at + 4 + 2 * c);
                if ((dc && (tables >> 4) < 4 && !defined[0][tables >> 4]) ||
                    (ac && (tables & 15) < 4 && !defined[1][tables & 15]))
                    return "JPEG scan uses a Huffman table that was never defined";
            }
        }
        if (marker != 0xC4) {
            at += length;
            continue;
        }
        std::size_t pos = at + 2;
        for (std::int64_t left = static_cast<std::int64_t>(length) - 2; left > 0;) {
            std::size_t codes = 0;
            for (std::size_t i = 1; i <= 16; ++i) codes += at_or_zero(pos + i);
            if (codes > 256) return "JPEG Huffman table has more than 256 codes";
            const std::size_t table = at_or_zero(pos);
            if ((table >> 4) < 2 && (table & 15) < 4) defined[table >> 4][table & 15] = true;
            pos += 17 + codes;
            left -= static_cast<std::int64_t>(17 + codes);
        }
        at = pos;
    }
    return nullptr;
}

/// stb_image reserves memory for a PNG chunk from its length field before reading it, so 80 bytes
/// that claim a 1 GiB IDAT reserve 1 GiB. A chunk longer than what is left of the file is refused
/// first; what stb then reserves is bounded by the file size and the pixel cap.
bool png_chunk_overruns_file(std::span<const std::uint8_t> bytes) {
    static constexpr std::uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (bytes.size() < 8 || !std::equal(signature, signature + 8, bytes.begin())) return false;
    std::size_t at = 8;
    while (bytes.size() - at >= 8) {
        const std::size_t length =
            std::size_t{bytes[at]} << 24 | std::size_t{bytes[at + 1]} << 16 | std::size_t{bytes[at + 2]} << 8 | bytes[at + 3];
        if (length > bytes.size() - at - 8) return true;
        if (std::equal(bytes.begin() + static_cast<std::ptrdiff_t>(at) + 4, bytes.begin() + static_cast<std::ptrdiff_t>(at) + 8,
                       "IEND"))
            return false;
        at += 8 + length + std::min<std::size_t>(4, bytes.size() - at - 8 - length);  // the CRC, when there
    }
    return false;
}

}  // namespace

LoadedImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits) {
    if (bytes.empty()) throw IoError(name, "file is empty");
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw IoError(name, "file is larger than 2 GiB, which stb_image cannot read");
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int w = 0, h = 0, n = 0;
    if (pnm_header_overflows(bytes)) throw IoError(name, "not a readable image (PNM header number is too large)");
    if (const char* reason = jpeg_huffman_tables_unsafe(bytes))
        throw IoError(name, std::string("not a readable image (") + reason + ")");
    if (png_chunk_overruns_file(bytes)) throw IoError(name, "not a readable image (a PNG chunk runs past the end of the file)");
    if (!stbi_info_from_memory(data, len, &w, &h, &n))
        throw IoError(name, std::string("not a readable image (") + stbi_failure_reason() + ")");
    if (w < 1 || h < 1) throw IoError(name, "image has no pixels");
    const std::int64_t pixels = std::int64_t{w} * h;
    if (pixels > limits.max_pixels)
        throw IoError(name, "image is " + std::to_string(h) + "x" + std::to_string(w) + " = " + std::to_string(pixels) +
                                " pixels, over the limit of " + std::to_string(limits.max_pixels) + " (--max-pixels)");
    LoadedImage out;
    out.reduced_from_16_bit = stbi_is_16_bit_from_memory(data, len) != 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> decoded(stbi_load_from_memory(data, len, &w, &h, &n, 0), stbi_image_free);
    if (!decoded) throw IoError(name, std::string("cannot decode image (") + stbi_failure_reason() + ")");
    // The copy below is sized by the header that was checked against the caps: a decoder that
    // returns other dimensions or channels than its header said is refused, not trusted.
    if (std::int64_t{w} * h != pixels || n < 1 || n > 4)
        throw IoError(name, "cannot decode image (the pixel data does not match the header)");
    out.image.height = h;
    out.image.width = w;
    out.image.channels = n;
    out.image.pixels.assign(decoded.get(), decoded.get() + static_cast<std::size_t>(pixels) * static_cast<std::size_t>(n));
    return out;
}

LoadedImage load_image(const std::string& path, const LoadLimits& limits) {
    const auto bytes = read_file_bytes(path, limits.max_file_bytes);
    return decode_image(bytes, path, limits);
}

}  // namespace tconv::io
