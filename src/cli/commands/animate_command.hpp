// `tconv animate`: the article's scatter as an animated PNG, one group of input pixels more per
// frame, on the user's own image.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands/command.hpp"

namespace tconv::cli {

/// Adds `animate INPUT [geometry] -o ANIM.png [--max-frames M] [--zoom N] [--delay MS] [--crop
/// Y,X,H,W]` to `parent` (docs/semantics.md): frame 0 all zero, frame k the partial scatter
/// (core::PartialScatter) of the first floor(k * P / F) input pixels, P pixels, F = min(M, P) frames
/// after the first, the last the main job's own convolution. Usage errors (exit 2) before anything
/// is read; an unreadable input, a crop outside it or an unwritable file exit 1, nothing left behind.
Command add_animate_command(CLI::App& parent);

}  // namespace tconv::cli
