// The options every writing command shares about how its files land on disk.
#pragma once
#include <CLI/CLI.hpp>

#include "io/output/output_file.hpp"

namespace tconv::cli {

/// Declares --no-fsync on `app`, clearing options.sync when given.
void add_write_options(CLI::App& app, io::WriteOptions& options);

}  // namespace tconv::cli
