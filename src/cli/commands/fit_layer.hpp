// `tconv fit --layer`: learn a whole trained layer (weight and bias of ConvTranspose2d, C_in from the
// inputs, C_out from the targets) and write it as the .safetensors that `tconv --layer` reads.
#pragma once
#include <vector>

#include "cli/commands/fit_setup.hpp"

namespace tconv::cli {

/// Runs the layer fit of `pairs` (already checked by the caller: there is at least one, and the
/// output is none of them). Throws UsageError for options that do not fit a layer (an output not
/// named .safetensors, an --init that is no layer file or whose kernel contradicts -f); returns
/// exit 1 with every bad pair named, for a layer file that does not fit the images, or a fit that
/// diverged (nothing written); else writes the layer and the report and returns 0.
int run_fit_layer(const FitOptions& o, const std::vector<PairPaths>& pairs);

}  // namespace tconv::cli
