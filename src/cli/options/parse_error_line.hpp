// CLI11's parse errors, and arguments given before a subcommand, in tconv's one error form.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tconv::cli {

/// How the user wrote `option`: the first of `args` (argv) that is one of its spellings, alone or
/// as "--name=VALUE" ("-j" when they typed -j), else its first long name.
std::string typed_option_name(const CLI::Option& option, const std::vector<std::string>& args);

/// CLI11's `error`, raised while `app` parsed `args`, as "tconv: error: OPTION: REASON", the option
/// first, as typed, values quoted by quoted_text: "-k: not an option of tconv overlap (see tconv
/// overlap --help)", "-j 0: must be 1 to 1024", "--lr abc: not a number", "--input: is required".
std::string parse_error_line(const CLI::App& app, const CLI::ParseError& error, const std::vector<std::string>& args);

}  // namespace tconv::cli
