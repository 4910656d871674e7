// --feature-maps: each tile stretched over its own min..max; one row per 8 channels.
#include <vector>

#include <catch2/catch.hpp>

#include "pictures/feature_sheet.hpp"

using namespace tconv;

TEST_CASE("feature_tile stretches a channel from its own min to its max", "[pictures][layer]") {
    // Channel 0 is -2, 0, 2 (0, 127.5 -> 128, 255); channel 1 is flat (all 0).
    const core::RealImage f{{1, 3}, 2, {-2, 7, 0, 7, 2, 7}};
    const core::Image t0 = pictures::feature_tile(f, 0);
    CHECK(t0.channels == 3);
    CHECK(int{t0.at(0, 0, 0)} == 0);
    CHECK(int{t0.at(0, 1, 1)} == 128);
    CHECK(int{t0.at(0, 2, 2)} == 255);
    const core::Image t1 = pictures::feature_tile(f, 1);
    CHECK(int{t1.at(0, 1, 0)} == 0);
    CHECK(pictures::feature_value_text(-1.25) == "-1.25");
    CHECK(pictures::feature_value_text(40.5) == "40.5");
}

TEST_CASE("compose_feature_sheet puts 8 tiles per row and stacks the rows", "[pictures][layer]") {
    const core::RealImage nine{{10, 12}, 9, std::vector<double>(10 * 12 * 9)};
    const core::RealImage eight{{10, 12}, 8, std::vector<double>(10 * 12 * 8)};
    const core::Image a = pictures::compose_feature_sheet(nine);
    const core::Image b = pictures::compose_feature_sheet(eight);
    CHECK(a.width == b.width);
    CHECK(a.height == 2 * b.height);
    CHECK(int{a.at(0, 0, 0)} == 255);  // white margin
}

TEST_CASE("feature_sheet_size is the drawn sheet's size, worked out without drawing it", "[pictures][layer]") {
    // Captions of different widths: a value's "MIN"/"MAX" text can be wider than a small tile.
    for (const int channels : {1, 7, 8, 9, 17}) {
        CAPTURE(channels);
        core::RealImage f{{3, 5}, channels, {}};
        for (int i = 0; i < 3 * 5 * channels; ++i) f.values.push_back(i % 7 == 0 ? -123456.75 : i * 0.5);
        CHECK(pictures::feature_sheet_size(f) == pictures::compose_feature_sheet(f).size());
    }
}
