// Text from the user or from inside a file (file names, option values, tensor and node names) made
// safe to print inside a one-line message.
#pragma once
#include <string>
#include <string_view>

namespace tconv::io {

/// `text` itself when it is valid UTF-8 without control characters; else the whole of it quoted
/// as GNU ls and bash write such names, $'...', with \n \t \r \e \\ \' and \xNN for every other
/// control byte (C0, DEL, the UTF-8 of C1) and every byte that is not valid UTF-8. The result is
/// one printable line, and a shell reads it back as the same bytes.
std::string quoted_text(std::string_view text);

/// A name read from inside a file (a tensor, a node, a header key) for a message: 'name' when it is
/// printable and holds no quote, else the $'...' form of quoted_text, so that it is one word either
/// way, an empty name shows as '', and a name can never close its quotes early.
std::string quoted_name(std::string_view name);

}  // namespace tconv::io
