// Table-driven tests of the geometry parsers: whole tokens only, every number range-checked.
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"

namespace {

using namespace tconv;
using core::PaddingMode;

}  // namespace

TEST_CASE("parse_extent accepts N and HxW", "[core][parse]") {
    struct Row {
        const char* text;
        std::int64_t min;
        core::Extent2 want;
    };
    const Row rows[] = {
        {"3", 1, {3, 3}},
        {"3x4", 1, {3, 4}},
        {"4x3", 1, {4, 3}},  // rows first: not swapped
        {"1", 1, {1, 1}},
        {"0", 0, {0, 0}},
        {"0x2", 0, {0, 2}},
        {"007", 1, {7, 7}},
        {"2147483647", 1, {2147483647, 2147483647}},
        {"1x2147483647", 1, {1, 2147483647}},
    };
    for (const Row& r : rows) {
        CAPTURE(r.text, r.min);
        CHECK(core::parse_extent(r.text, r.min) == r.want);
    }
}

TEST_CASE("parse_extent rejects anything but whole in-range numbers", "[core][parse]") {
    struct Row {
        const char* text;
        std::int64_t min;
        const char* reason;
    };
    const Row rows[] = {
        {"3x", 1, "not a number"},
        {"x4", 1, "not a number"},
        {"0", 1, "must be >= 1"},
        {"-1", 0, "must be >= 0"},
        {"3x4junk", 1, "not a number"},
        {"", 1, "not a number"},
        {" 3", 1, "not a number"},
        {"3 ", 1, "not a number"},
        {"1x2x3", 1, "not a number"},
        {"3X4", 1, "not a number"},
        {"+3", 1, "not a number"},
        {"3.0", 1, "'3.0' is not a whole number (whole numbers only"},
        {"2.5", 1, "'2.5' is not a whole number (whole numbers only"},
        {"1x2.5", 1, "'1x2.5' holds '2.5', not a whole number"},
        {"1e3", 1, "not a number"},
        {".", 1, "not a number"},
        {"x", 1, "not a number"},
        {"3xx4", 1, "not a number"},
        {"0x4", 1, "must be >= 1"},
        {"4x0", 1, "must be >= 1"},
        {"3x-4", 1, "must be >= 1"},
        {"2147483648", 1, "too large"},
        {"1x99999999999999999999", 1, "too large"},
        {"3,4", 1, "not a number"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.text, r.min);
        CHECK_THROWS_AS(core::parse_extent(r.text, r.min), core::InvalidParams);
        CHECK_THROWS_WITH(core::parse_extent(r.text, r.min), Catch::Matchers::Contains(r.reason));
    }
    // The message quotes the whole token, so the user sees what was typed.
    CHECK_THROWS_WITH(core::parse_extent("3x4junk", 1), Catch::Matchers::Contains("'3x4junk'"));
}

TEST_CASE("parse_padding accepts P, PHxPW, T,L,B,R, valid and same", "[core][parse]") {
    struct Row {
        const char* text;
        core::Padding want;
    };
    const Row rows[] = {
        {"0", {PaddingMode::Explicit, 0, 0, 0, 0}},       {"2", {PaddingMode::Explicit, 2, 2, 2, 2}},
        {"1x3", {PaddingMode::Explicit, 1, 3, 1, 3}},      // top = bottom = 1, left = right = 3
        {"1,2,3,4", {PaddingMode::Explicit, 1, 2, 3, 4}},  // ONNX order: top, left, bottom, right
        {"0,0,1,1", {PaddingMode::Explicit, 0, 0, 1, 1}}, {"valid", {PaddingMode::Valid, 0, 0, 0, 0}},
        {"same", {PaddingMode::Same, 0, 0, 0, 0}},
    };
    for (const Row& r : rows) {
        CAPTURE(r.text);
        CHECK(core::parse_padding(r.text) == r.want);
    }
}

TEST_CASE("parse_padding rejects malformed paddings", "[core][parse]") {
    const char* rows[] = {"",       "-1",       "1x-1",     "1,2,3", "1,2,3,4,5", "1,,3,4",  "1,2,3,",
                          ",1,2,3", "1,-2,3,4", "1, 2,3,4", "VALID", "Same",      "same ",   "valid0",
                          "1x2x3",  "x1",       "1x",       "1.5",   "p1",        "1,2x3,4", "2147483648"};
    for (const char* text : rows) {
        CAPTURE(text);
        CHECK_THROWS_AS(core::parse_padding(text), core::InvalidParams);
    }
    CHECK_THROWS_WITH(core::parse_padding("1,2,3"), Catch::Matchers::Contains("top,left,bottom,right"));
}
