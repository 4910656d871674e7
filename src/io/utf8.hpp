// UTF-8 validity, byte by byte: what may go into a terminal line or a JSON string as it is.
#pragma once
#include <cstddef>
#include <string_view>

namespace tconv::io {

/// The length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes there
/// are not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// True when all of `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace tconv::io
