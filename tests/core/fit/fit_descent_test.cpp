// The Adam loop every fit shares: it keeps the parameters of the lowest loss it saw, not the last
// update's, when a learning rate too large for the valley makes Adam overshoot.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include <catch2/catch.hpp>

#include "core/fit/fit_descent.hpp"

using namespace tconv::core;

TEST_CASE("adam_descent keeps the parameters of the lowest loss when Adam overshoots", "[fit]") {
    // loss(x) = (x - 3)^2 from x = 0; Adam moves x by about the learning rate per step, so lr 2.5
    // jumps over the valley back and forth and ends above the lowest loss it reached.
    const auto loss = [](std::span<const double> p, std::span<double> grad) {
        if (!grad.empty()) grad[0] += 2.0 * (p[0] - 3.0);
        return (p[0] - 3.0) * (p[0] - 3.0);
    };
    FitSettings settings;
    settings.steps = 12;
    settings.adam.learning_rate = 2.5;
    std::vector<double> params{0.0};
    const Descent d = adam_descent(params, loss, settings, 9.0);
    REQUIRE(d.loss.size() == 13);
    const auto lowest = std::min_element(d.loss.begin(), d.loss.end());
    CAPTURE(d.loss, d.best_step);
    REQUIRE(d.loss.back() > *lowest);  // the spike this test is about
    CHECK(d.best_step == lowest - d.loss.begin());
    CHECK(loss(params, {}) == *lowest);  // the parameters left are the lowest loss's, bit for bit
}

TEST_CASE("adam_descent with zero steps keeps the start, step 0", "[fit]") {
    const auto loss = [](std::span<const double> p, std::span<double>) { return p[0] * p[0]; };
    FitSettings settings;
    settings.steps = 0;
    std::vector<double> params{2.0};
    const Descent d = adam_descent(params, loss, settings, 0.0);
    CHECK(d.loss == std::vector<double>{4.0});
    CHECK(d.best_step == 0);
    CHECK(params == std::vector<double>{2.0});
}
