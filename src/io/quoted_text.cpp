// GNU-ls-style quoting: printable UTF-8 passes unchanged, anything else becomes a $'...' word.
#include "io/quoted_text.hpp"

#include <cstddef>
#include <cstdint>

#include "io/utf8.hpp"

namespace tconv::io {
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

/// `text` as one $'...' word.
std::string dollar_quoted(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "$'";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0 || is_control(text, i, n)) {
            const std::size_t bytes = n == 0 ? 1 : n;
            for (std::size_t k = i; k < i + bytes; ++k) {
                const auto byte = static_cast<std::uint8_t>(text[k]);
                switch (byte) {
                    case '\n': out += "\\n"; break;
                    case '\t': out += "\\t"; break;
                    case '\r': out += "\\r"; break;
                    case 0x1B: out += "\\e"; break;
                    default: out += {'\\', 'x', hex[byte >> 4], hex[byte & 15]};
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

}  // namespace

std::string quoted_text(std::string_view text) { return needs_quoting(text) ? dollar_quoted(text) : std::string(text); }

std::string quoted_name(std::string_view name) {
    if (needs_quoting(name) || name.find('\'') != std::string_view::npos) return dollar_quoted(name);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "'" + std::string(name).
    std::string out = "'";
    out.append(name);
    out += '\'';
    return out;
}

}  // namespace tconv::io
