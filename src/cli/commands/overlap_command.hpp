// `tconv overlap`: the overlap count map (how many input pixels reach each output pixel), the
// checkerboard diagnostic of Odena, Dumoulin & Olah (Distill 2016).
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands/command.hpp"

namespace tconv::cli {

/// Adds `overlap [--input HxW] [geometry options, -k] [--counts] [-o MAP.png] [--json]` to `parent`.
/// Prints the shape and formula, per axis the counts away from the borders (even or uneven) and over
/// the output, and the map's range; --counts prints the map itself, one output row per line; -o
/// writes it as an 8-bit grey PNG, value = round(count * 255 / max count); then the phase-gain table
/// (stride_h rows of stride_w numbers), the checkerboard score and the mean gain. --json prints all
/// of it as one object instead. Bad options exit 2; a map that cannot be written exits 1.
Command add_overlap_command(CLI::App& parent);

}  // namespace tconv::cli
