// One input of the main job, source -> convolution -> sink: the input opened for its rows (streamed
// where the format allows and the job reads rows in order, else decoded whole), the convolution
// planned for it, the output written as rows come (PNG) or encoded whole, then the report.
#pragma once
#include <string>

#include "cli/commands/job_plan.hpp"
#include "io/output/output_format.hpp"

namespace tconv::cli {

/// Runs the job on `input`, writing `output` in `format` with `threads` threads. Every failure of the
/// input (unreadable, over a limit, not writable) is in the Outcome: it never throws.
Outcome run_input(const std::string& input, const std::string& output, io::OutputFormat format, const JobPlan& job, int threads);

}  // namespace tconv::cli
