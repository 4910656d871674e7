// `tconv fit`: learn the kernel of a transposed convolution from (input, target) image pairs.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands/command.hpp"

namespace tconv::cli {

/// Adds `fit [INPUT TARGET] [--pairs FILE] [geometry options] [--init SPEC] [--seed N] [--steps N]
/// [--lr X] [--json] -o KERNEL_FILE` to `parent`. Bad options are usage errors (exit 2, nothing read);
/// an unreadable image, a channel-count mismatch or a target whose size is not what the geometry gives
/// for its input is exit 1 with every such pair named; the kernel file is written only on success.
Command add_fit_command(CLI::App& parent);

}  // namespace tconv::cli
