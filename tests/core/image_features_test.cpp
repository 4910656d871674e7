// image_features: interleaved pixels into planes, mapped by each --range.
#include <catch2/catch.hpp>

#include "conv_fixtures.hpp"
#include "core/image_features.hpp"

using namespace tconv;

TEST_CASE("image_features puts channel c in plane c and maps it by the range", "[core][layer]") {
    const core::Image img = test::make_image(1, 2, 2, {0, 255, 51, 102});  // (grey, alpha) per pixel
    const core::FeatureMap same = core::image_features(img, core::SampleRange::Samples, 255);
    CHECK(same.channels == 2);
    CHECK(same.at(0, 0, 0) == 0);
    CHECK(same.at(0, 0, 1) == 51);
    CHECK(same.at(1, 0, 0) == 255);
    CHECK(same.at(1, 0, 1) == 102);
    const core::FeatureMap unit = core::image_features(img, core::SampleRange::Unit, 255);
    CHECK(unit.at(0, 0, 1) == 0.2);
    CHECK(unit.at(1, 0, 0) == 1);
    const core::FeatureMap gan = core::image_features(img, core::SampleRange::Signed, 255);
    CHECK(gan.at(0, 0, 0) == -1);
    CHECK(gan.at(1, 0, 0) == 1);
    core::FeatureMap values = same;
    core::map_features(values, core::SampleRange::Signed, 255);
    CHECK(values.values == gan.values);
}
