// --output-size HxW: the wanted output size, from which the output padding is solved per input.
#pragma once
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/options/geometry_options.hpp"
#include "core/geometry/extent.hpp"

namespace tconv::cli {

/// Adds --output-size to `app`; the text goes to `text` (empty: not given).
void add_output_size_option(CLI::App& app, std::string& text);

/// Parses --output-size ("N" or "HxW", >= 1); nullopt when not given. Throws UsageError naming
/// --output-size when malformed or when --output-padding was given too (they exclude each other).
std::optional<core::Extent2> parse_output_size(const std::string& text, const GeometryOptions& geometry);

}  // namespace tconv::cli
