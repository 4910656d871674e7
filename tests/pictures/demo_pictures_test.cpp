// The demo's pictures: the article's image as data, enlarged copies with grid lines, the bitmap
// font and the contact sheet layout, checked against coordinates worked out by hand.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>

#include "pictures/article_image.hpp"
#include "pictures/bitmap_font.hpp"
#include "pictures/contact_sheet.hpp"
#include "pictures/enlarge.hpp"

using namespace tconv::core;
using namespace tconv::pictures;

namespace {

using Rgb = std::array<int, 3>;

Rgb rgb(const Image& img, std::int64_t y, std::int64_t x) { return {img.at(y, x, 0), img.at(y, x, 1), img.at(y, x, 2)}; }

}  // namespace

TEST_CASE("article image: the colours named in the article, row by row", "[pictures][demo]") {
    const Image a = article_image();
    REQUIRE((a.height == 4 && a.width == 4 && a.channels == 3));
    CHECK(rgb(a, 0, 0) == Rgb{255, 0, 0});      // red
    CHECK(rgb(a, 0, 1) == Rgb{0, 255, 0});      // green
    CHECK(rgb(a, 0, 3) == Rgb{255, 255, 255});  // white
    CHECK(rgb(a, 1, 1) == Rgb{255, 255, 0});    // yellow
    CHECK(rgb(a, 1, 3) == Rgb{255, 0, 255});    // magenta
    CHECK(rgb(a, 2, 0) == Rgb{255, 128, 0});    // orange
    CHECK(rgb(a, 2, 1) == Rgb{128, 128, 128});  // gray
    CHECK(rgb(a, 2, 2) == Rgb{128, 0, 128});    // purple
    CHECK(rgb(a, 3, 0) == Rgb{0, 0, 255});      // blue
    CHECK(rgb(a, 3, 3) == Rgb{0, 255, 0});      // green
}

TEST_CASE("enlarge: cells of factor x factor, 1-pixel grid lines before each and after the last", "[pictures][demo]") {
    // A 2x3 grey image, x4: 2*4 + 3 = 11 rows, 3*4 + 4 = 16 columns; cell (y, x) at 1 + 5y, 1 + 5x.
    Image in = blank_image({2, 3}, 1);
    for (std::size_t i = 0; i < in.pixels.size(); ++i) in.pixels[i] = static_cast<std::uint8_t>(10 * (i + 1));
    const Image big = enlarge_with_grid(in, 4, 200);
    REQUIRE((big.height == 11 && big.width == 16 && big.channels == 1));
    for (std::int64_t y = 0; y < big.height; ++y)
        for (std::int64_t x = 0; x < big.width; ++x) {
            CAPTURE(y, x);
            const bool line = y % 5 == 0 || x % 5 == 0;
            CHECK(big.at(y, x, 0) == (line ? 200 : in.at(y / 5, x / 5, 0)));
        }
    CHECK(big.at(1, 1, 0) == 10);
    CHECK(big.at(9, 14, 0) == 60);
}

TEST_CASE("bitmap font: glyph pixels land where the 5x7 rows say", "[pictures][demo]") {
    Image img = blank_image({20, 40}, 1);
    draw_text(img, 2, 3, "1x", 2, 255);
    // '1' row 0 is 0x04: only column 2 is set -> image columns 3 + 2*2 .. +1, rows 2..3.
    CHECK(img.at(2, 7, 0) == 255);
    CHECK(img.at(3, 8, 0) == 255);
    CHECK(img.at(2, 5, 0) == 0);
    // '1' row 6 is 0x0E: columns 1..3.
    CHECK(img.at(14, 5, 0) == 255);
    CHECK(img.at(14, 4, 0) == 0);
    // The small 'x' starts one advance (6 font pixels = 12 image pixels) later; its row 2 is 0x11.
    CHECK(img.at(6, 15, 0) == 255);
    CHECK(img.at(6, 23, 0) == 255);
    CHECK(img.at(0, 15, 0) == 0);
    CHECK(text_width("1x", 2) == 22);
    CHECK(text_width("", 2) == 0);
    // Clipped at the edges without touching memory outside the image.
    draw_text(img, 15, 35, "WW", 3, 7);
    draw_text(img, -5, -5, "A", 2, 7);
}

TEST_CASE("contact sheet: panels side by side on white, captions under them", "[pictures][demo]") {
    Image red = blank_image({10, 30}, 3);
    for (std::size_t i = 0; i < red.pixels.size(); i += 3) red.pixels[i] = 255;
    Image green = blank_image({20, 5}, 3);
    for (std::size_t i = 1; i < green.pixels.size(); i += 3) green.pixels[i] = 255;
    const Image sheet = compose_contact_sheet({{red, {"A"}}, {green, {"LONG"}}});
    // Widths: red 30; green max(5, text_width("LONG", 2) = 46) = 46. 16 + 30 + 24 + 46 + 16 = 132.
    // Height: max(10 + 12 + 18, 20 + 12 + 18) + 32 = 82.
    REQUIRE((sheet.width == 132 && sheet.height == 82 && sheet.channels == 3));
    CHECK(rgb(sheet, 0, 0) == Rgb{255, 255, 255});
    CHECK(rgb(sheet, 16, 16) == Rgb{255, 0, 0});
    CHECK(rgb(sheet, 25, 45) == Rgb{255, 0, 0});
    CHECK(rgb(sheet, 26, 45) == Rgb{255, 255, 255});
    CHECK(rgb(sheet, 16, 70) == Rgb{0, 255, 0});
    CHECK(rgb(sheet, 35, 74) == Rgb{0, 255, 0});
    CHECK(rgb(sheet, 16, 75) == Rgb{255, 255, 255});
    // 'A' row 0 is 0x0E: font column 1 -> x 16 + 2, caption top 16 + 10 + 12 = 38.
    CHECK(rgb(sheet, 38, 18) == Rgb{0, 0, 0});
    CHECK(rgb(sheet, 38, 16) == Rgb{255, 255, 255});
}
