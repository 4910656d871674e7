// quantise_doubles against quantise() at the edges (halves, clamps, NaN, infinities), in both SIMD
// modes; interleave_channels on an asymmetric row.
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "core/image/quantise.hpp"
#include "core/image/quantise_doubles.hpp"
#include "core/simd_modes.hpp"

using namespace tconv;

TEST_CASE("quantise_doubles gives quantise's value for every edge", "[core][layer]") {
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> src{
        0.5, 1.5,  2.4999999999999996, 254.5, 254.49999999999997,  255.0, 255.5,  1e300, -0.0,         -0.5,         -1e9,
        inf, -inf, std::nan(""),       127.5, 0.49999999999999994, 3.0,   100.25, 7.75,  2147483648.0, -2147483649.0};
    const std::vector<int> want{1, 2, 2, 255, 254, 255, 255, 255, 0, 0, 0, 255, 0, 0, 128, 0, 3, 100, 8, 255, 0};
    REQUIRE(src.size() == want.size());
    test::in_each_simd_mode([&] {
        std::vector<std::uint8_t> dst(src.size(), 99);
        core::quantise_doubles(src.data(), dst.data(), src.size());
        for (std::size_t i = 0; i < src.size(); ++i) {
            CAPTURE(i, src[i]);
            CHECK(int{dst[i]} == want[i]);
            CHECK(dst[i] == core::quantise(src[i]));
        }
    });
}

TEST_CASE("interleave_channels puts plane c at every channels-th byte from c", "[core][layer]") {
    const std::vector<std::uint8_t> planes{1, 2, 3, 10, 20, 30};  // 2 channels x 3 columns
    std::vector<std::uint8_t> row(6);
    core::interleave_channels(planes.data(), 2, 3, row.data());
    CHECK(row == std::vector<std::uint8_t>{1, 10, 2, 20, 3, 30});
}
