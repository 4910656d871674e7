// The --version text from the generated source: "tconv X.Y.Z", with "(git REV)" in a checkout.
#include <regex>
#include <string>

#include <catch2/catch.hpp>

#include "cli/version_info.hpp"

TEST_CASE("version_text is the name, the version and at most a short git revision", "[cli][version]") {
    const std::string text(tconv::cli::version_text());
    CAPTURE(text);
    CHECK(std::regex_match(text, std::regex(R"(tconv [0-9]+\.[0-9]+\.[0-9]+( \(git [0-9a-f]{4,40}\))?)")));
}
