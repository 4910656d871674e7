// Kernel files: text matrices read from disk for `-k @FILE`.
#pragma once
#include <string>

#include "core/kernel/kernel.hpp"
#include "io/output/output_file.hpp"

namespace tconv::io {

/// Reads and parses a kernel file: rows on lines, numbers split by spaces or commas, '#' comments;
/// a leading UTF-8 byte-order mark is skipped.
/// Throws IoError naming the file (a parse error's reason comes from the core parser).
core::Kernel read_kernel_file(const std::string& path);

/// Writes a kernel file that read_kernel_file reads back exactly (9 significant digits per value),
/// atomically, with `comment` lines (without '#') at the top.
void write_kernel_file(const std::string& path, const core::Kernel& kernel, const std::string& comment,
                       const WriteOptions& options = {});

}  // namespace tconv::io
