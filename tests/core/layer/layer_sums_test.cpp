// layer_sums: explicit small sums, every output count, and the AVX2 and portable loops bit for bit.
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "core/layer/layer_sums.hpp"
#include "core/simd_modes.hpp"

namespace {

using namespace tconv;

}  // namespace

TEST_CASE("layer_sums adds the start and each row times its output's weight", "[core][layer]") {
    const std::vector<double> a{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, b{-1, 0.5, 0, 2, 0, 0, 0, 0, 0, 0, 100};
    const std::vector<double> wa{2, -1}, wb{4, 0.25};
    const std::vector<core::LayerTerm> terms{{a.data(), wa.data()}, {b.data(), wb.data()}};
    const double starts[] = {0.5, -3};
    test::in_each_simd_mode([&] {
        std::vector<double> dst(2 * 11, -99.0);
        core::layer_sums(2, starts, terms, dst.data(), 11, 11);
        for (std::size_t i = 0; i < 11; ++i) {
            CAPTURE(i);
            CHECK(dst[i] == 0.5 + a[i] * 2 + b[i] * 4);
            CHECK(dst[11 + i] == -3 - a[i] + b[i] * 0.25);
        }
        std::vector<double> only_start(5, 1.0);
        core::layer_sums(1, starts, {}, only_start.data(), 5, 5);
        CHECK(only_start == std::vector<double>(5, 0.5));
    });
}

TEST_CASE("layer_sums gives the same bits in blocks of any output count and either SIMD mode", "[core][layer]") {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-300.0, 300.0);
    const std::size_t n = 37;
    std::vector<std::vector<double>> rows(9, std::vector<double>(n));
    for (auto& r : rows)
        for (double& v : r) v = u(rng);
    std::vector<double> weights(9 * 4), starts(4);
    for (double& w : weights) w = u(rng) / 97.0;
    for (double& s : starts) s = u(rng);
    auto sums = [&](int outputs, int first) {
        std::vector<core::LayerTerm> terms;
        std::vector<double> w;
        for (std::size_t t = 0; t < rows.size(); ++t)
            for (int k = 0; k < outputs; ++k) w.push_back(weights[t * 4 + static_cast<std::size_t>(first + k)]);
        for (std::size_t t = 0; t < rows.size(); ++t)
            terms.push_back({rows[t].data(), w.data() + t * static_cast<std::size_t>(outputs)});
        std::vector<double> dst(static_cast<std::size_t>(outputs) * n);
        core::layer_sums(outputs, starts.data() + first, terms, dst.data(), n, n);
        return dst;
    };
    const std::vector<double> four = sums(4, 0);
    test::in_each_simd_mode([&] {
        CHECK(sums(4, 0) == four);
        std::vector<double> singles;
        for (int k = 0; k < 4; ++k) {
            const auto one = sums(1, k);
            singles.insert(singles.end(), one.begin(), one.end());
        }
        CHECK(singles == four);
        auto pair = sums(2, 2);
        CHECK(std::vector<double>(four.begin() + 2 * n, four.end()) == pair);
    });
}
