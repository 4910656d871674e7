// A subcommand: its CLI11 parser and what runs when it was chosen.
#pragma once
#include <functional>

#include <CLI/CLI.hpp>

namespace tconv::cli {

/// Returned by each add_*_command(parent): `app` is the subcommand's parser, `run` is called after
/// a successful parse when the subcommand was given, and returns the exit code (it may throw
/// UsageError for exit 2).
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

}  // namespace tconv::cli
