// -o of compare and animate: checked before anything is read.
#include "cli/options/teaching_output.hpp"

#include <algorithm>
#include <cctype>

#include "cli/options/usage_error.hpp"

namespace tconv::cli {

void require_png_output(const std::string& output) {
    std::string lower = output;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.size() <= 4 || !lower.ends_with(".png") || lower.ends_with("/.png"))
        throw UsageError("-o", "writes a PNG file: give a name ending in .png");
}

}  // namespace tconv::cli
