// Depth conversion against the documented rules written out in double: 16 -> 8 is round_half_away(v * 255
// / 65535) for every one of the 65536 values, 8 -> 16 is v * 257, and images keep their layout.
#include <cmath>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv_fixtures.hpp"
#include "core/image/sample_depth.hpp"

namespace core = tconv::core;

TEST_CASE("16 -> 8 bits rounds v * 255 / 65535 half away from zero, for every 16-bit value", "[core][depth]") {
    for (int v = 0; v <= 65535; ++v) {
        const double exact = v * 255.0 / 65535.0;
        CAPTURE(v, exact);
        REQUIRE(int{core::reduce_to_8_bit(static_cast<std::uint16_t>(v))} == static_cast<int>(std::floor(exact + 0.5)));
    }
    CHECK(int{core::reduce_to_8_bit(128)} == 0);  // 0.498...
    CHECK(int{core::reduce_to_8_bit(129)} == 1);  // 0.502...
    CHECK(int{core::reduce_to_8_bit(65535)} == 255);
}

TEST_CASE("8 -> 16 bits is v * 257, and reducing it gives v back", "[core][depth]") {
    for (int v = 0; v <= 255; ++v) {
        CAPTURE(v);
        REQUIRE(int{core::widen_to_16_bit(static_cast<std::uint8_t>(v))} == v * 257);
        REQUIRE(int{core::reduce_to_8_bit(core::widen_to_16_bit(static_cast<std::uint8_t>(v)))} == v);
    }
}

TEST_CASE("with_depth converts every sample of a 2x3 grey+alpha image and keeps its shape", "[core][depth]") {
    const core::Image deep =
        tconv::test::make_image(2, 3, 2, {0, 65535, 128, 129, 257, 32767, 32896, 1000, 65534, 2, 514, 771}, 16);
    const core::Image shallow = core::with_depth(deep, 8);
    CHECK(shallow.depth == 8);
    CHECK(shallow.size() == deep.size());
    CHECK(shallow.channels == 2);
    CHECK(std::vector<std::uint8_t>(shallow.pixels.begin(), shallow.pixels.end()) ==
          std::vector<std::uint8_t>{0, 255, 0, 1, 1, 127, 128, 4, 255, 0, 2, 3});
    const core::Image back = core::with_depth(shallow, 16);
    CHECK(back.depth == 16);
    CHECK(back.sample(0, 2, 1) == 127 * 257);
    CHECK(back.sample(1, 2, 1) == 3 * 257);
    CHECK(core::with_depth(deep, 16).pixels.size() == deep.pixels.size());
}

TEST_CASE("with_depth of an image that already has the depth hands that image on, not a copy", "[core][depth]") {
    // The main job's whole-image outputs (TIFF, JPEG...) pass through with_depth: a copy there held a
    // second full-size image at the same time.
    core::Image deep = tconv::test::make_image(1, 2, 1, {1, 65535}, 16);
    const std::uint8_t* const samples = deep.pixels.data();
    const core::Image same = core::with_depth(std::move(deep), 16);
    CHECK(same.pixels.data() == samples);
    CHECK(same.sample(0, 1, 0) == 65535);
}

TEST_CASE("rows_at_depth converts each row as it passes, and passes rows of the same depth through", "[core][depth]") {
    const std::vector<std::uint16_t> wide{0, 257, 65535, 32896};
    const tconv::core::RowProducer rows = [&](std::int64_t y0, std::int64_t y1, const tconv::core::RowSink& sink) {
        for (std::int64_t y = y0; y < y1; ++y) sink(y, reinterpret_cast<const std::uint8_t*>(wide.data()));
    };
    std::vector<std::vector<std::uint8_t>> got;
    tconv::core::rows_at_depth(rows, 16, 8, 4)(0, 2,
                                               [&](std::int64_t, const std::uint8_t* row) { got.emplace_back(row, row + 4); });
    CHECK(got == std::vector<std::vector<std::uint8_t>>{{0, 1, 255, 128}, {0, 1, 255, 128}});
    const std::uint8_t* passed = nullptr;
    tconv::core::rows_at_depth(rows, 16, 16, 4)(0, 1, [&](std::int64_t, const std::uint8_t* row) { passed = row; });
    CHECK(passed == reinterpret_cast<const std::uint8_t*>(wide.data()));
}
