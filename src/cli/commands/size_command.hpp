// `tconv size`: output sizes and the filled-in formula for given sizes and options, without images.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands/command.hpp"

namespace tconv::cli {

/// Adds `size --input HxW [geometry options] [--output-size HxW] [--conv] [--json]` to `parent`.
/// Prints the output size, the formula per axis and the crops at the start and end of each axis;
/// with --output-size the solved output padding; with --conv the forward convolution's size
/// 1 + (in - k + 2p) / s and its remainder. Every failure is a usage error (exit 2).
Command add_size_command(CLI::App& parent);

}  // namespace tconv::cli
