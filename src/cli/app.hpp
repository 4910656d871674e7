// The command-line entry point: parses argv, runs the main job or a subcommand, maps errors to exit codes.
#pragma once

namespace tconv::cli {

/// Runs tconv with the process arguments; returns the exit status (0, 1, 2; see exit_code.hpp).
int run(int argc, char** argv);

}  // namespace tconv::cli
