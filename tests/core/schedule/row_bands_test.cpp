// run_row_bands: bands cover the rows exactly once (one row a band at most), and an exception thrown in
// a band's thread comes back to the caller after every band has finished, instead of ending the process.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/schedule/row_bands.hpp"

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

TEST_CASE("more bands than rows are as many bands as rows, and no rows one empty band", "[core][row_bands]") {
    auto bands_of = [](std::int64_t rows, std::int64_t bands) {
        std::mutex mutex;
        std::vector<std::pair<std::int64_t, std::int64_t>> seen;
        core::run_row_bands(rows, bands, [&](std::int64_t y0, std::int64_t y1) {
            const std::lock_guard lock(mutex);
            seen.emplace_back(y0, y1);
        });
        std::sort(seen.begin(), seen.end());
        return seen;
    };
    using Bands = std::vector<std::pair<std::int64_t, std::int64_t>>;
    REQUIRE(bands_of(3, 8) == Bands{{0, 1}, {1, 2}, {2, 3}});
    REQUIRE(bands_of(0, 4) == Bands{{0, 0}});
    REQUIRE(bands_of(5, 0) == Bands{{0, 5}});
}
