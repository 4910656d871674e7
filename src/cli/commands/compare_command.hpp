// `tconv compare`: the transposed convolution beside the resize-convolution of the same output size
// (Odena, Dumoulin & Olah's remedy for checkerboards), with both phase-gain maps, on one sheet.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands/command.hpp"
#include "core/conv/resize_conv.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"
#include "core/kernel/phase_gains.hpp"
#include "pictures/compare_sheet.hpp"

namespace tconv::cli {

/// Everything `tconv compare` draws and says about one image.
struct Comparison {
    core::OutputShape shape;  ///< the transposed convolution's
    core::ResizeConvShape resize;
    core::GainSummary tconv_summary;
    core::GainSummary resize_summary;
    core::PhaseGainTable tconv_table;
    core::PhaseGainTable resize_table;
    pictures::CompareSheet sheet;
};

/// Plans both convolutions of `input` under `geometry` (a validated one, with geometry.kernel ==
/// kernel.size) and composes the sheet. Throws InvalidParams when the kernel sums to 0, the stride has
/// no printable gain table, or the output is over 16 Mi pixels.
Comparison compare(const core::Image& input, const core::Kernel& kernel, const core::Geometry& geometry);

/// Adds `compare INPUT [geometry] -o SHEET.png [--json]` to `parent`: plans as the main job does,
/// computes both outputs (core::transposed_conv, core::resize_conv) and writes
/// pictures::compose_compare_sheet's sheet as a PNG. A bad option, a kernel whose weights sum to 0,
/// or an -o not ending in .png is a usage error (exit 2, nothing read); an unreadable input or an
/// unwritable sheet exits 1 with nothing left behind.
Command add_compare_command(CLI::App& parent);

}  // namespace tconv::cli
