// The fixed-point separable path: which factors qualify (dyadic, non-negative, no 16-bit overflow),
// and the 16-bit row loops against the same arithmetic done one value at a time in 32 bits.
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "core/simd_modes.hpp"

#include "core/conv/strategies/fixed_point_rows.hpp"

namespace core = tconv::core;

TEST_CASE("fixed-point factors: small dyadic fractions whose sums fit in 16 bits", "[core][fixed_point]") {
    const std::vector<float> tent{0.25f, 0.75f, 0.75f, 0.25f};  // bilinear, k4 s2
    const auto f = core::fixed_point_factors(tent, tent, 1.0, 1.0);
    REQUIRE(f);
    CHECK(f->row_shift == 2);
    CHECK(f->col_shift == 2);
    CHECK(f->col == std::vector<std::uint16_t>{1, 3, 3, 1});
    CHECK(f->row == std::vector<std::uint16_t>{1, 3, 3, 1});

    CHECK_FALSE(core::fixed_point_factors(std::vector<float>{0.1f}, tent, 1.0, 1.0));      // not dyadic
    CHECK_FALSE(core::fixed_point_factors(std::vector<float>{-0.5f}, tent, 1.0, 1.0));     // negative
    CHECK_FALSE(core::fixed_point_factors(std::vector<float>{0x1p-16f}, tent, 1.0, 1.0));  // too fine

    // Ones: 255 * 16 * 16 = 65280 fits; 255 * 17 * 16 = 69360 does not.
    const std::vector<float> one{1.0f};
    CHECK(core::fixed_point_factors(one, one, 16.0, 16.0));
    CHECK_FALSE(core::fixed_point_factors(one, one, 17.0, 16.0));
    // Halves: 255 * (2*2) * (2*2) * ... the rounding half counts too: 255 * 256 + 2 fits, 255 * 257 does not.
    const std::vector<float> half{0.5f};
    CHECK(core::fixed_point_factors(half, half, 8.0, 8.0));
    CHECK_FALSE(core::fixed_point_factors(half, half, 8.0, 8.0 * 257.0 / 256.0));
}

TEST_CASE("fixed-point rows add, round half up and clamp like 32-bit arithmetic", "[core][fixed_point]") {
    tconv::test::in_each_simd_mode([&] {
        std::mt19937 rng(5);
        for (int shift = 0; shift <= 8; ++shift) {
            for (std::size_t taps = 1; taps <= 6; ++taps) {
                for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{31},
                                      std::size_t{32}, std::size_t{33}, std::size_t{200}}) {
                    // Values and weights small enough that every sum + half stays below 2^16.
                    const std::uint32_t weight_max = 7;
                    const std::uint32_t value_max = (65535u - (1u << 8)) / (weight_max * static_cast<std::uint32_t>(taps));
                    std::uniform_int_distribution<std::uint32_t> value(0, value_max), weight(0, weight_max);
                    std::vector<std::vector<std::uint16_t>> rows(taps, std::vector<std::uint16_t>(n));
                    std::vector<std::vector<std::uint8_t>> pixels(taps, std::vector<std::uint8_t>(n));
                    std::vector<core::FixedPointRow> terms;
                    std::vector<core::FixedPointPixels> pixel_terms;
                    for (std::size_t t = 0; t < taps; ++t) {
                        for (std::size_t i = 0; i < n; ++i) {
                            rows[t][i] = static_cast<std::uint16_t>(value(rng));
                            pixels[t][i] = static_cast<std::uint8_t>(value(rng) % 256);
                        }
                        const auto w = static_cast<std::uint16_t>(weight(rng));
                        terms.push_back({rows[t].data(), w});
                        pixel_terms.push_back({pixels[t].data(), w});
                    }
                    std::vector<std::uint8_t> out(n + 1, 0xAB);
                    std::vector<std::uint16_t> filtered(n + 1, 0xABCD);
                    core::fixed_point_row(terms, shift, out.data(), n);
                    core::fixed_point_filter(pixel_terms, filtered.data(), n);
                    CAPTURE(shift, taps, n);
                    for (std::size_t i = 0; i < n; ++i) {
                        std::uint32_t sum = 0, filter_sum = 0;
                        for (std::size_t t = 0; t < taps; ++t) {
                            sum += std::uint32_t{rows[t][i]} * terms[t].weight;
                            filter_sum += std::uint32_t{pixels[t][i]} * terms[t].weight;
                        }
                        const std::uint32_t rounded = (sum + (shift > 0 ? 1u << (shift - 1) : 0u)) >> shift;
                        CAPTURE(i, sum);
                        REQUIRE(int{out[i]} == static_cast<int>(rounded > 255 ? 255 : rounded));
                        REQUIRE(std::uint32_t{filtered[i]} == filter_sum);
                    }
                    REQUIRE(int{out[n]} == 0xAB);  // nothing written past n
                    REQUIRE(int{filtered[n]} == 0xABCD);
                }
            }
        }
    });
}
