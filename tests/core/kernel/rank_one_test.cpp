// The exact rank-1 split: which kernels have one, and that its products give back every weight.
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "core/kernel/kernel.hpp"
#include "core/kernel/rank_one.hpp"

namespace core = tconv::core;

namespace {

core::Kernel matrix(std::int64_t h, std::int64_t w, std::vector<float> weights) {
    return core::Kernel{{h, w}, std::vector<double>(weights.begin(), weights.end())};  // float values
}

void require_products(const core::Kernel& k, const core::RankOneSplit& s) {
    REQUIRE(s.col.size() == static_cast<std::size_t>(k.size.h));
    REQUIRE(s.row.size() == static_cast<std::size_t>(k.size.w));
    for (std::int64_t a = 0; a < k.size.h; ++a)
        for (std::int64_t b = 0; b < k.size.w; ++b) {
            CAPTURE(a, b);
            REQUIRE(static_cast<double>(s.col[static_cast<std::size_t>(a)]) * s.row[static_cast<std::size_t>(b)] ==
                    static_cast<double>(k.at(a, b)));
        }
}

}  // namespace

TEST_CASE("rank one: the bilinear 4x4 splits into the tent 0.25 0.75 0.75 0.25 on both sides", "[core][rank_one]") {
    const auto s = core::exact_rank_one(core::bilinear_kernel({4, 4}));
    REQUIRE(s);
    CHECK(s->col == std::vector<float>{0.25f, 0.75f, 0.75f, 0.25f});
    CHECK(s->row == std::vector<float>{0.25f, 0.75f, 0.75f, 0.25f});
}

TEST_CASE("rank one: ones, the binomial gaussian, 1xN and Nx1 kernels, outer products of dyadics", "[core][rank_one]") {
    for (const core::Kernel& k :
         {core::ones_kernel({3, 5}), core::gaussian_kernel({3, 3}, std::nullopt, {1, 1}), matrix(1, 4, {3.0f, -1.0f, 0.1f, 7.0f}),
          matrix(3, 1, {0.3f, 2.0f, -5.0f}), matrix(2, 3, {2.0f, -1.0f, 0.5f, -4.0f, 2.0f, -1.0f}),  // (1, -2) x (2, -1, .5)
          matrix(2, 2, {0.0f, 0.0f, 0.0f, 0.0f})}) {
        CAPTURE(k.size.h, k.size.w, k.weights);
        const auto s = core::exact_rank_one(k);
        REQUIRE(s);
        require_products(k, *s);
    }
    CHECK(core::exact_rank_one(core::ones_kernel({3, 5}))->row == std::vector<float>(5, 1.0f));
}

TEST_CASE("rank one: zero rows and columns, and a long binomial row", "[core][rank_one]") {
    // (0, 1, -2) x (1, 0, 0.5): the zero row and column give zero factors.
    const core::Kernel zeros = matrix(3, 3, {0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.5f, -2.0f, 0.0f, -1.0f});
    const auto s = core::exact_rank_one(zeros);
    REQUIRE(s);
    require_products(zeros, *s);
    // A 1x65536 binomial row as the float sums of 8-bit samples take it: most of its taps underflow to zero.
    const core::Kernel row = core::float_rounded(core::gaussian_kernel({1, 65536}, std::nullopt, {1, 1}));
    const auto split = core::exact_rank_one(row);
    REQUIRE(split);
    require_products(row, *split);
}

TEST_CASE("rank one: no split for rank 2, or where float factors cannot give the weights back", "[core][rank_one]") {
    CHECK_FALSE(core::exact_rank_one(matrix(2, 2, {1.0f, 0.0f, 0.0f, 1.0f})));
    CHECK_FALSE(core::exact_rank_one(matrix(2, 3, {1.0f, 2.0f, 3.0f, 2.0f, 4.0f, 6.5f})));
    CHECK_FALSE(core::exact_rank_one(matrix(2, 2, {1.0f, 1.0f, 1.0f, 0.0f})));
    // A gaussian with sigma: each weight the float nearest a product of doubles.
    CHECK_FALSE(core::exact_rank_one(core::gaussian_kernel({5, 5}, 0.7, {3, 3})));
}
