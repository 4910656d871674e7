// The output rule of the teaching commands (compare, animate): one PNG file, named so.
#pragma once
#include <string>

namespace tconv::cli {

/// Throws UsageError("-o", ...) unless `output` is a file name ending in ".png" (any case): these
/// commands write PNG (an APNG is a PNG) and print their report on stdout, so not "-".
void require_png_output(const std::string& output);

}  // namespace tconv::cli
