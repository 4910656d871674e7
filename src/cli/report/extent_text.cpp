// extent_text: the one place a size is turned into "HxW".
#include "cli/report/extent_text.hpp"

#include <fmt/format.h>

namespace tconv::cli {

std::string extent_text(core::Extent2 size) { return fmt::format("{}x{}", size.h, size.w); }

std::string option_extent_text(core::Extent2 size) { return size.h == size.w ? std::to_string(size.h) : extent_text(size); }

}  // namespace tconv::cli
