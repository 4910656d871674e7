// core::run_in_order: results computed on several threads come out in index order, never more than
// `ahead` past the next one, and a failure stops the run.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/schedule/ordered_tasks.hpp"

using tconv::core::run_in_order;

TEST_CASE("run_in_order consumes every result once, in order, whatever the threads' speeds", "[core][ordered]") {
    for (const std::int64_t threads : {1, 2, 4, 8}) {
        std::vector<std::int64_t> consumed;
        run_in_order(
            100, threads, 3,
            [&] {
                return [&](std::int64_t i) {
                    // Even indices are slow, so later ones finish first and must wait their turn.
                    if (i % 2 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
                    return i * i;
                };
            },
            [&](std::int64_t i, std::int64_t&& square) {
                CHECK(square == i * i);
                consumed.push_back(i);
            });
        std::vector<std::int64_t> expected(100);
        for (std::int64_t i = 0; i < 100; ++i) expected[static_cast<std::size_t>(i)] = i;
        CHECK(consumed == expected);
    }
}

TEST_CASE("run_in_order takes no index more than `ahead` past the next one to consume", "[core][ordered]") {
    std::atomic<std::int64_t> consumed{0}, worst{0};
    run_in_order(
        200, 4, 2,
        [&] {
            return [&](std::int64_t i) {
                const std::int64_t gap = i - consumed.load();
                std::int64_t seen = worst.load();
                while (gap > seen && !worst.compare_exchange_weak(seen, gap)) {}
                return i;
            };
        },
        [&](std::int64_t i, std::int64_t&&) { consumed = i + 1; });
    CHECK(consumed == 200);
    CHECK(worst.load() < 2);
}

TEST_CASE("run_in_order stops at the first failure and consumes nothing after it", "[core][ordered]") {
    std::vector<std::int64_t> consumed;
    CHECK_THROWS_WITH(run_in_order(
                          50, 3, 4,
                          [&] {
                              return [&](std::int64_t i) {
                                  if (i == 10) throw std::runtime_error("segment 10 failed");
                                  return i;
                              };
                          },
                          [&](std::int64_t i, std::int64_t&&) { consumed.push_back(i); }),
                      "segment 10 failed");
    REQUIRE(consumed.size() <= 10);
    for (std::size_t i = 0; i < consumed.size(); ++i) CHECK(consumed[i] == static_cast<std::int64_t>(i));
}
