// The wording of tconv's lines on stderr, written once: errors, warnings, notes, and what loading an
// image lost that the user must be told about.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "io/input/image_file.hpp"

namespace tconv::cli {

/// "tconv: error: SUBJECT: REASON": SUBJECT is the file or option at fault (DESIGN: one line per error).
std::string error_line(std::string_view subject, std::string_view reason);

/// "tconv: error: MESSAGE", for a message that names its subject in its own words (CLI11's).
std::string error_line(std::string_view message);

/// "tconv: warning: MESSAGE".
std::string warning_line(std::string_view message);

/// "tconv: SUBJECT: TEXT": what --verbose adds about a file, neither an error nor a warning.
std::string note_line(std::string_view subject, std::string_view text);

/// One warning line per thing that loading `file` did not keep (e.g. 16-bit samples reduced to 8
/// bits: "tconv: warning: FILE: 16-bit image reduced to 8 bits per channel (the high byte of each
/// sample is kept)"); none when the image was kept whole.
std::vector<std::string> load_warnings(std::string_view file, const io::LoadedImage& loaded);

}  // namespace tconv::cli
