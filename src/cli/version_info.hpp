// The text of `tconv --version`, defined in a source generated at build time (cmake/write-version-info.cmake).
#pragma once
#include <string_view>

namespace tconv::cli {

/// "tconv X.Y.Z (git REV)": project()'s version and, when built in a git checkout, the short revision
/// of HEAD at the last build; "tconv X.Y.Z" elsewhere.
std::string_view version_text();

}  // namespace tconv::cli
