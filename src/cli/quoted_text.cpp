// GNU-ls-style quoting: printable UTF-8 passes unchanged, anything else becomes a $'...' word.
#include "cli/quoted_text.hpp"

#include <cstddef>
#include <cstdint>

#include <fmt/format.h>

namespace tconv::cli {
namespace {

/// The length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes there
/// are not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    const std::uint8_t lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t n = 0;
    std::uint8_t low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + n > text.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

bool is_control(std::string_view text, std::size_t i, std::size_t length) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    if (length == 1) return lead < 0x20 || lead == 0x7F;
    return length == 2 && lead == 0xC2 && static_cast<std::uint8_t>(text[i + 1]) <= 0x9F;  // U+0080..U+009F
}

/// True when some byte of `text` is a control character or not valid UTF-8.
bool needs_quoting(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0 || is_control(text, i, n)) return true;
        i += n;
    }
    return false;
}

}  // namespace

std::string quoted_text(std::string_view text) {
    if (!needs_quoting(text)) return std::string(text);
    std::string out = "$'";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0 || is_control(text, i, n)) {
            const std::size_t bytes = n == 0 ? 1 : n;
            for (std::size_t k = i; k < i + bytes; ++k) {
                switch (text[k]) {
                    case '\n': out += "\\n"; break;
                    case '\t': out += "\\t"; break;
                    case '\r': out += "\\r"; break;
                    case '\x1b': out += "\\e"; break;
                    default: out += fmt::format("\\x{:02X}", static_cast<std::uint8_t>(text[k]));
                }
            }
            i += bytes;
            continue;
        }
        if (text[i] == '\\' || text[i] == '\'') out += '\\';
        out.append(text.substr(i, n));
        i += n;
    }
    out += '\'';
    return out;
}

}  // namespace tconv::cli
