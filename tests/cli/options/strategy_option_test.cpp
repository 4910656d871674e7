// --strategy: "auto" leaves the choice to the planner, every core strategy's name forces it, anything
// else is a usage error that lists the names.
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "cli/options/strategy_option.hpp"
#include "cli/options/usage_error.hpp"

using namespace tconv;

TEST_CASE("parse_strategy_option: auto and every strategy's name", "[cli][strategy]") {
    CHECK(cli::parse_strategy_option("auto") == std::nullopt);
    CHECK(cli::parse_strategy_option("replicate") == core::ConvStrategy::Replicate);
    CHECK(cli::parse_strategy_option("fixed-point") == core::ConvStrategy::FixedPoint);
    CHECK(cli::parse_strategy_option("float-separable") == core::ConvStrategy::FloatSeparable);
    CHECK(cli::parse_strategy_option("dense") == core::ConvStrategy::Dense);
    CHECK(cli::parse_strategy_option("scatter") == core::ConvStrategy::Scatter);
}

TEST_CASE("parse_strategy_option: anything else names --strategy and the valid names", "[cli][strategy]") {
    for (const char* text : {"bogus", "", "Auto", "fixed_point", "dense ", "scatter,dense"}) {
        CAPTURE(text);
        try {
            cli::parse_strategy_option(text);
            FAIL("accepted");
        } catch (const cli::UsageError& e) {
            CHECK(e.subject() == "--strategy");
            CHECK(std::string(e.what()) ==
                  "unknown strategy '" + std::string(text) +
                      "' (valid: auto, replicate, fixed-point, float-separable, dense, double-separable, double-dense, scatter)");
        }
    }
}
