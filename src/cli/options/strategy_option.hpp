// --strategy: which of the core's ways of computing the rows to use, for comparing and testing them.
#pragma once
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/conv/conv_strategy.hpp"

namespace tconv::cli {

/// Adds --strategy auto|replicate|fixed-point|... to `app`; the text goes to `text` ("auto" unless given).
void add_strategy_option(CLI::App& app, std::string& text);

/// nullopt for "auto" (the planner chooses), else the named strategy. Throws UsageError naming
/// --strategy and listing the valid names for any other text.
std::optional<core::ConvStrategy> parse_strategy_option(const std::string& text);

}  // namespace tconv::cli
