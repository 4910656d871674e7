// --auto-orient: the flag of every command that reads photos, and the one warning for an input whose
// EXIF orientation is left unapplied.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/image/image.hpp"

namespace tconv::cli {

/// Declares --auto-orient on a subcommand whose output holds no metadata (compare, animate, fit).
void add_auto_orient_flag(CLI::App& app, bool& auto_orient);

/// The pixels a command works on: `stored` turned upright from its EXIF `orientation` with
/// --auto-orient (`auto_orient`), else as stored, with a warning appended to `warnings` when the
/// orientation is not 1: "FILE: EXIF orientation 6 (...) is not applied: ...; --auto-orient turns them
/// upright". For 5 to 8 it adds that HxW options count the stored rows and columns.
core::Image oriented_image(std::string_view file, core::Image stored, int orientation, bool auto_orient,
                           std::vector<std::string>& warnings);

}  // namespace tconv::cli
