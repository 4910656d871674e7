// The overlap map as grey levels, on the hand-counted k3 s2 map (1 1 2 1 2 1 2 1 1 per axis).
#include <catch2/catch.hpp>

#include "core/kernel/overlap_map.hpp"
#include "pictures/overlap_image.hpp"

using namespace tconv;

TEST_CASE("overlap image: round(count * 255 / max count) in one grey channel", "[pictures][overlap]") {
    core::Geometry g;
    g.kernel = {3, 3};
    g.stride = {2, 2};
    const core::OverlapMap map = core::overlap_map(core::plan_output_shape({4, 4}, g));
    // Grey: round(count * 255 / 4): 1 -> 64, 2 -> 128 (127.5 rounds up), 4 -> 255.
    const core::Image img = pictures::overlap_image(map);
    REQUIRE((img.height == 9 && img.width == 9 && img.channels == 1));
    CHECK(img.at(3, 3, 0) == 64);
    CHECK(img.at(2, 3, 0) == 128);
    CHECK(img.at(2, 2, 0) == 255);
    CHECK(img.at(0, 0, 0) == 64);
}

TEST_CASE("overlap image: all black when nothing lands", "[pictures][overlap]") {
    core::OverlapMap map;
    map.rows.counts = {0, 0};
    map.cols.counts = {0, 0, 0};
    const core::Image img = pictures::overlap_image(map);
    REQUIRE((img.height == 2 && img.width == 3));
    for (const std::uint8_t v : img.pixels) CHECK(v == 0);
}
