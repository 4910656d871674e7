// weighted_sum and weighted_sum_quantised: the left-to-right sum of products, rounded to float at every
// step, for every length (SIMD blocks and tails), term count and weight, and in place.
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "core/simd_modes.hpp"

#include "core/conv/strategies/row_sums.hpp"
#include "core/image/quantise.hpp"

namespace core = tconv::core;

namespace {

/// The rule, one value at a time.
float expected_sum(const std::vector<core::WeightedRow>& terms, std::size_t i) {
    float acc = terms[0].row[i] * terms[0].weight;
    for (std::size_t t = 1; t < terms.size(); ++t) {
        const float product = terms[t].row[i] * terms[t].weight;  // rounded to float before the add
        acc = acc + product;
    }
    return acc;
}

}  // namespace

TEST_CASE("weighted sums of rows add left to right in float, quantised or not", "[core][row_sums]") {
    tconv::test::in_each_simd_mode([&] {
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> value(-40.0f, 300.0f);
        std::uniform_real_distribution<float> weight(-1.5f, 1.5f);
        for (std::size_t taps = 1; taps <= 9; ++taps) {
            for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{31},
                                  std::size_t{32}, std::size_t{33}, std::size_t{100}, std::size_t{257}, std::size_t{1000}}) {
                std::vector<std::vector<float>> rows(taps, std::vector<float>(n + 1));
                std::vector<core::WeightedRow> terms;
                for (auto& r : rows) {
                    for (float& v : r) v = value(rng);
                    terms.push_back({r.data(), weight(rng)});
                }
                CAPTURE(taps, n);
                std::vector<float> sums(n + 1, -7.0f);
                std::vector<std::uint8_t> bytes(n + 1, 0xAB);
                core::weighted_sum(terms, sums.data(), n);
                core::weighted_sum_quantised(terms, bytes.data(), n);
                for (std::size_t i = 0; i < n; ++i) {
                    CAPTURE(i);
                    REQUIRE(sums[i] == expected_sum(terms, i));
                    REQUIRE(int{bytes[i]} == int{core::quantise(expected_sum(terms, i))});
                }
                REQUIRE(sums[n] == -7.0f);  // nothing written past n
                REQUIRE(int{bytes[n]} == 0xAB);

                // In place: the sum written over its first row.
                std::vector<float> want(n);
                for (std::size_t i = 0; i < n; ++i) want[i] = expected_sum(terms, i);
                core::weighted_sum(terms, rows[0].data(), n);
                for (std::size_t i = 0; i < n; ++i) REQUIRE(rows[0][i] == want[i]);
            }
        }
    });
}

TEST_CASE("a weight of 1 on one row quantises that row exactly", "[core][row_sums]") {
    tconv::test::in_each_simd_mode([&] {
        const std::vector<float> row{-1.0f, 0.0f, 0.49999997f, 0.5f, 1.5f, 2.5f, 254.5f, 255.0f, 300.0f};
        const core::WeightedRow term{row.data(), 1.0f};
        std::vector<std::uint8_t> out(row.size());
        core::weighted_sum_quantised({&term, 1}, out.data(), out.size());
        CHECK(out == std::vector<std::uint8_t>{0, 0, 0, 1, 2, 3, 255, 255, 255});
    });
}
