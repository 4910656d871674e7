// Integer options read as the geometry options are: whole-token decimal, range-checked.
#include "cli/options/integer_option.hpp"

#include <charconv>

#include <fmt/format.h>

namespace tconv::cli {

CLI::Validator decimal_integer(std::uint64_t min, std::uint64_t max) {
    const std::string range = fmt::format("{} to {}", min, max);
    return CLI::Validator(
        [min, max, range](std::string& text) -> std::string {
            const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            std::uint64_t v = 0;
            const auto [ptr, ec] = digits ? std::from_chars(text.data(), text.data() + text.size(), v)
                                          : std::from_chars_result{text.data(), std::errc::invalid_argument};
            if (!digits || ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max)
                // In CLI::Range's words, which parse_error_line turns into "OPTION VALUE: must be MIN to MAX".
                return fmt::format("Value {} not in range {} (decimal digits only)", text, range);
            text = std::to_string(v);
            return {};
        },
        "INT " + range);
}

}  // namespace tconv::cli
