// `tconv compare`: the transposed convolution beside the resize-convolution of the same output size
// (Odena, Dumoulin & Olah's remedy for checkerboards), with both phase-gain maps, on one sheet.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace tconv::cli {

/// Adds `compare INPUT [geometry] -o SHEET.png [--json]` to `parent`: plans as the main job does,
/// computes both outputs (core::transposed_conv, core::resize_conv) and writes
/// pictures::compose_compare_sheet's sheet as a PNG. A bad option, a kernel whose weights sum to 0,
/// or an -o not ending in .png is a usage error (exit 2, nothing read); an unreadable input or an
/// unwritable sheet exits 1 with nothing left behind.
Command add_compare_command(CLI::App& parent);

}  // namespace tconv::cli
