// run_row_bands: bands cover the rows exactly once, and an exception thrown in a band's thread comes
// back to the caller after every band has finished, instead of ending the process.
#include <atomic>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "core/row_bands.hpp"

namespace core = tconv::core;

TEST_CASE("row bands cover every row once, for any band count", "[core][row_bands]") {
    for (std::int64_t rows : {1, 2, 7, 100}) {
        for (std::int64_t bands = 1; bands <= rows && bands <= 9; ++bands) {
            std::vector<std::atomic<int>> seen(static_cast<std::size_t>(rows));
            core::run_row_bands(rows, bands, [&](std::int64_t y0, std::int64_t y1) {
                for (std::int64_t y = y0; y < y1; ++y) ++seen[static_cast<std::size_t>(y)];
            });
            CAPTURE(rows, bands);
            for (const auto& s : seen) REQUIRE(s.load() == 1);
        }
    }
}

TEST_CASE("an exception in a band reaches the caller once all bands are done", "[core][row_bands]") {
    for (std::int64_t bands : {1, 2, 4}) {
        std::atomic<int> finished{0};
        auto run = [&] {
            core::run_row_bands(8, bands, [&](std::int64_t y0, std::int64_t) {
                ++finished;
                if (y0 == 0) throw std::runtime_error("band 0 failed");
            });
        };
        CAPTURE(bands);
        REQUIRE_THROWS_WITH(run(), "band 0 failed");
        REQUIRE(finished.load() == bands);
    }
}
