// GNU-ls-style quoting: printable UTF-8 passes unchanged, anything else becomes a $'...' word.
#include "cli/quoted_text.hpp"

#include "cli/utf8.hpp"

#include <cstddef>
#include <cstdint>

#include <fmt/format.h>

namespace tconv::cli {
namespace {

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
