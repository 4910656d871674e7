// How the CLI writes a size: "HxW", rows first, as the options take it.
#pragma once
#include <string>

#include "core/geometry/extent.hpp"

namespace tconv::cli {

/// "HxW" (rows x columns), e.g. {3, 5} -> "3x5"; equal axes are written twice ("4x4").
std::string extent_text(core::Extent2 size);

/// How an option takes it: "2" for {2, 2}, else "HxW" (as -s, -p, --dilation and --output-padding).
std::string option_extent_text(core::Extent2 size);

}  // namespace tconv::cli
