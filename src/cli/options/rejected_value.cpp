// Rewording of rejected values: only the message changes, never what is accepted.
#include "cli/options/rejected_value.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "io/quoted_text.hpp"

namespace tconv::cli {

std::string kernel_file_reason(std::string_view reason) {
    if (io::quoted_text(reason) == reason) return std::string(reason);
    // core words a bad value "kernel value 'TOKEN' is not a number"; TOKEN may hold quotes itself.
    constexpr std::string_view value_prefix = "kernel value '", value_suffix = "' is not a number";
    if (reason.starts_with(value_prefix) && reason.ends_with(value_suffix)) {
        const auto token = reason.substr(value_prefix.size(), reason.size() - value_prefix.size() - value_suffix.size());
        return fmt::format("not a kernel text file (its value {} is not a number)", io::quoted_text(token));
    }
    return fmt::format("not a kernel text file ({})", io::quoted_text(reason));
}

std::string padding_reason(std::string_view value, std::string_view reason) {
    std::string lower(value);
    std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != value && (lower == "valid" || lower == "same"))
        return fmt::format("{} (the padding words are lower case: valid, same)", reason);
    return std::string(reason);
}

}  // namespace tconv::cli
