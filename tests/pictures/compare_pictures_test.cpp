// The compare sheet's pictures: phase-gain maps, RGB views and enlargement factors, and the sheet's
// layout, against values worked out by hand.
#include <catch2/catch.hpp>

#include "pictures/compare_sheet.hpp"
#include "pictures/contact_sheet.hpp"
#include "pictures/phase_gain_image.hpp"
#include "pictures/view.hpp"

using namespace tconv;

TEST_CASE("phase gain image: the k3 s2 gains 4 2 / 2 1 repeat with the stride from the crop", "[pictures][compare]") {
    const core::PhaseGainTable t{{2, 2}, {4, 2, 2, 1}};
    const core::Image a = pictures::phase_gain_image(t, {3, 3}, {0, 0});
    REQUIRE((a.height == 3 && a.width == 3 && a.channels == 1));
    // 255 * g / 4: 4 -> 255, 2 -> 127.5 -> 128, 1 -> 63.75 -> 64.
    CHECK(a.at(0, 0, 0) == 255);
    CHECK(a.at(0, 1, 0) == 128);
    CHECK(a.at(1, 0, 0) == 128);
    CHECK(a.at(1, 1, 0) == 64);
    CHECK(a.at(2, 2, 0) == 255);
    // A crop of one row at the top (padding 1): output row 0 is phase 1.
    const core::Image b = pictures::phase_gain_image(t, {2, 2}, {1, 0});
    CHECK(b.at(0, 0, 0) == 128);
    CHECK(b.at(0, 1, 0) == 64);
    CHECK(b.at(1, 0, 0) == 255);
}

TEST_CASE("phase gain image: negative gains black, nothing above 0 all black", "[pictures][compare]") {
    const core::Image a = pictures::phase_gain_image({{1, 2}, {-1, 2}}, {1, 2}, {0, 0});
    CHECK(a.at(0, 0, 0) == 0);
    CHECK(a.at(0, 1, 0) == 255);
    const core::Image b = pictures::phase_gain_image({{1, 2}, {0, -3}}, {1, 2}, {0, 0});
    CHECK((b.at(0, 0, 0) == 0 && b.at(0, 1, 0) == 0));
}

TEST_CASE("views: grey repeated, alpha dropped, enlarged only above factor 1", "[pictures][compare]") {
    core::Image ga = core::blank_image({1, 2}, 2);
    ga.pixels = {10, 200, 30, 0};
    const core::Image v = pictures::rgb_view(ga);
    REQUIRE(v.channels == 3);
    CHECK((v.at(0, 0, 0) == 10 && v.at(0, 0, 1) == 10 && v.at(0, 0, 2) == 10));
    CHECK((v.at(0, 1, 0) == 30 && v.at(0, 1, 2) == 30));
    CHECK(pictures::view_factor({4, 4}) == 64);
    CHECK(pictures::view_factor({9, 17}) == 15);
    CHECK(pictures::view_factor({300, 20}) == 1);
    // 2x1 at factor 128: 2*128 + 3 rows, 128 + 2 columns, grid lines of 160.
    const core::Image big = pictures::enlarged_view(ga);
    CHECK((big.height == 1 * 128 + 2 && big.width == 2 * 128 + 3));
    CHECK(big.at(0, 0, 0) == pictures::grid_value);
    CHECK(big.at(1, 1, 0) == 10);
    const core::Image wide = pictures::enlarged_view(core::blank_image({1, 300}, 1));
    CHECK((wide.height == 1 && wide.width == 300 && wide.channels == 3));
}

TEST_CASE("compare sheet: five panels left to right, each where the layout says", "[pictures][compare]") {
    pictures::ComparePictures p;
    p.input = core::blank_image({2, 2}, 3);
    p.input.pixels[0] = 255;  // red at (0, 0)
    p.transposed = core::blank_image({4, 4}, 3);
    p.resized = core::blank_image({4, 4}, 3);
    p.transposed_gains = {{2, 2}, {1, 1, 1, 1}};
    p.resize_gains = {{2, 2}, {1, 1, 1, 1}};
    p.captions = {{{"A"}, {"B"}, {"C"}, {"D"}, {"E"}}};
    const pictures::CompareSheet s = pictures::compose_compare_sheet(p);
    REQUIRE(s.layout.lefts.size() == 5);
    CHECK(s.factors == std::array<std::int64_t, 5>{128, 64, 64, 64, 64});
    CHECK(s.panel_sizes[0] == core::Extent2{2 * 128 + 3, 2 * 128 + 3});
    CHECK(s.panel_sizes[1] == core::Extent2{4 * 64 + 5, 4 * 64 + 5});
    CHECK(s.layout.lefts[0] == pictures::sheet_margin);
    CHECK(s.layout.lefts[1] == pictures::sheet_margin + 259 + pictures::sheet_gap);
    // The red input cell, one pixel inside the grid; the gain maps white (all gains equal).
    const std::int64_t top = pictures::sheet_margin;
    CHECK(s.sheet.at(top + 1, s.layout.lefts[0] + 1, 0) == 255);
    CHECK(s.sheet.at(top + 1, s.layout.lefts[0] + 1, 1) == 0);
    CHECK(s.sheet.at(top + 1, s.layout.lefts[3] + 1, 1) == 255);
    CHECK(s.sheet.size() == s.layout.size);
}
