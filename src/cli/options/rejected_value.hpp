// Reasons for values that core or io reject, reworded where the user needs more than the parser
// can say: a binary file given as a kernel file, a padding word in the wrong case.
#pragma once
#include <string>
#include <string_view>

namespace tconv::cli {

/// The reason a kernel file was refused, as io gave it, or, when it holds bytes that are not text
/// (a photo given as -k @photo.jpg): "not a kernel text file (its value $'\x89PNG\r' is not a
/// number)", the first bad value quoted by quoted_text.
std::string kernel_file_reason(std::string_view reason);

/// The reason -p `value` was refused, plus a hint when it is a padding word in the wrong case
/// ("SAME": the words are lower case).
std::string padding_reason(std::string_view value, std::string_view reason);

}  // namespace tconv::cli
