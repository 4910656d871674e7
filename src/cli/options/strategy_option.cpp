// --strategy: its names come from the core's own table, so the help, the completion and the parser
// list exactly the strategies the core has.
#include "cli/options/strategy_option.hpp"

#include <fmt/format.h>

#include "cli/options/usage_error.hpp"

namespace tconv::cli {
namespace {

constexpr const char* auto_strategy = "auto";

/// "auto" and every strategy's name, joined by `separator`.
std::string strategy_names(const char* separator) {
    std::string names = auto_strategy;
    for (const core::ConvStrategy s : core::all_conv_strategies) names += fmt::format("{}{}", separator, core::strategy_name(s));
    return names;
}

}  // namespace

void add_strategy_option(CLI::App& app, std::string& text) {
    app.add_option("--strategy", text,
                   "How the rows are computed: auto, or one strategy forced. 'auto' is the fastest exact one that "
                   "applies; one is forced to compare "
                   "or test them: replicate (byte copies), fixed-point (16-bit sums), float-separable (a column "
                   "times a row), dense, double-separable and double-dense (the same in double: what 16-bit inputs "
                   "get; the float and fixed-point ones take 8-bit inputs only), or scatter (the literal reference). "
                   "Where they apply they all give the same pixels (but for a rare exact .5 with weights that are not "
                   "dyadic fractions); an input that the forced one does not apply to fails")
        ->type_name(strategy_names("|"))
        ->capture_default_str();
}

std::optional<core::ConvStrategy> parse_strategy_option(const std::string& text) {
    if (text == auto_strategy) return std::nullopt;
    if (const auto strategy = core::parse_strategy_name(text)) return strategy;
    throw UsageError("--strategy", fmt::format("unknown strategy '{}' (valid: {})", text, strategy_names(", ")));
}

}  // namespace tconv::cli
