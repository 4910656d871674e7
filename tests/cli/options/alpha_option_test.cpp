// --alpha: the rule a job takes, given or by default (premultiplied with --scale, straight without),
// and the usage error for anything else.
#include <string>

#include <catch2/catch.hpp>

#include "cli/options/alpha_option.hpp"
#include "cli/options/usage_error.hpp"

using namespace tconv;

TEST_CASE("plan_alpha: --scale premultiplies by default, the plain job keeps straight alpha", "[cli][alpha]") {
    CHECK(cli::plan_alpha("", true).premultiplied);
    CHECK_FALSE(cli::plan_alpha("", true).given);
    CHECK(cli::plan_alpha("", true).why == "--scale's default");
    CHECK_FALSE(cli::plan_alpha("", false).premultiplied);
    CHECK_FALSE(cli::plan_alpha("straight", true).premultiplied);
    CHECK(cli::plan_alpha("straight", true).given);
    CHECK(cli::plan_alpha("premultiplied", false).premultiplied);
    CHECK(cli::plan_alpha("premultiplied", false).why == "--alpha premultiplied");
}

TEST_CASE("plan_alpha: an unknown mode names --alpha and the two modes", "[cli][alpha]") {
    for (const char* text : {"pre", "Straight", " straight", "premultiplied,straight"}) {
        CAPTURE(text);
        try {
            cli::plan_alpha(text, true);
            FAIL("accepted");
        } catch (const cli::UsageError& e) {
            CHECK(e.subject().starts_with("--alpha "));
            CHECK(std::string(e.what()) == "unknown mode (straight, premultiplied)");
        }
    }
}
