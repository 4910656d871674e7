// Phase gains against tables derived by hand: the gain of phase (ph, pw) is the sum of the taps
// w[a][b] with a*dilation mod stride = ph (rows) and b*dilation mod stride = pw (columns).
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/errors.hpp"
#include "core/kernel/kernel.hpp"
#include "core/kernel/phase_gains.hpp"

using namespace tconv::core;

namespace {

std::vector<std::vector<double>> rows_of(const PhaseGainTable& t) {
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(t.stride.h));
    for (std::int64_t ph = 0; ph < t.stride.h; ++ph)
        for (std::int64_t pw = 0; pw < t.stride.w; ++pw) rows[static_cast<std::size_t>(ph)].push_back(t.at(ph, pw));
    return rows;
}

using Rows = std::vector<std::vector<double>>;

}  // namespace

TEST_CASE("phase gains: ones 3x3 at stride 2 is the 4/2/2/1 checkerboard", "[core][phase_gains]") {
    // Taps 0, 1, 2 fall on phases 0, 1, 0: phase 0 gets two rows (columns), phase 1 one.
    const Kernel k = ones_kernel({3, 3});
    CHECK(rows_of(phase_gain_table(k, {2, 2}, {1, 1})) == Rows{{4, 2}, {2, 1}});
    const GainSummary s = gain_summary(k, {2, 2}, {1, 1});
    CHECK(s.min == 1);
    CHECK(s.max == 4);
    CHECK(s.mean == 9.0 / 4);
    CHECK(s.phases == 4);
    CHECK(s.zero_phases == 0);
    CHECK(s.score() == std::optional<double>{4.0});
}

TEST_CASE("phase gains: bilinear at stride 2 is even for k 4 and for k 3", "[core][phase_gains]") {
    // k 4: f = 2, c = 1.5, taps .25 .75 .75 .25: phase 0 gets .25 + .75, phase 1 .75 + .25.
    const GainSummary k4 = gain_summary(bilinear_kernel({4, 4}), {2, 2}, {1, 1});
    CHECK(rows_of(phase_gain_table(bilinear_kernel({4, 4}), {2, 2}, {1, 1})) == Rows{{1, 1}, {1, 1}});
    CHECK(k4.score() == std::optional<double>{1.0});
    CHECK(k4.mean == 1);
    // k 3: f = 2, c = 1, taps .5 1 .5: phase 0 gets .5 + .5 (taps 0 and 2), phase 1 gets 1 (tap 1):
    // two taps against one, yet the same weight, so a flat image stays flat.
    const PhaseGainTable k3 = phase_gain_table(bilinear_kernel({3, 3}), {2, 2}, {1, 1});
    CHECK(rows_of(k3) == Rows{{1, 1}, {1, 1}});
    const GainSummary s = gain_summary(bilinear_kernel({3, 3}), {2, 2}, {1, 1});
    CHECK(s.score() == std::optional<double>{1.0});
    CHECK(s.mean == 1);
}

TEST_CASE("phase gains: the article's ones 3x3 at stride 4 leaves phase 3 empty", "[core][phase_gains]") {
    // Taps reach phases 0, 1, 2 once each; row phase 3 and column phase 3 get nothing: 7 of 16.
    const Kernel k = ones_kernel({3, 3});
    CHECK(rows_of(phase_gain_table(k, {4, 4}, {1, 1})) == Rows{{1, 1, 1, 0}, {1, 1, 1, 0}, {1, 1, 1, 0}, {0, 0, 0, 0}});
    const GainSummary s = gain_summary(k, {4, 4}, {1, 1});
    CHECK(s.zero_phases == 7);
    CHECK(s.min == 0);
    CHECK(s.max == 1);
    CHECK(s.mean == 9.0 / 16);
    CHECK_FALSE(s.score().has_value());
}

TEST_CASE("phase gains: dilation moves taps to other phases", "[core][phase_gains]") {
    // 2x3 kernel, dilation 2x1, stride 2x2: rows 0 and 1 sit at 0 and 2, both phase 0; columns
    // 0, 1, 2 at phases 0, 1, 0. Phase (0,0) = 1+3+4+6, (0,1) = 2+5, row phase 1 gets nothing.
    const Kernel k = parse_kernel_matrix("1,2,3;4,5,6", ';');
    CHECK(rows_of(phase_gain_table(k, {2, 2}, {2, 1})) == Rows{{14, 7}, {0, 0}});
    CHECK(gain_summary(k, {2, 2}, {2, 1}).zero_phases == 2);
    // Without dilation, at stride 2x3, every tap has a phase of its own: the table is the kernel.
    CHECK(rows_of(phase_gain_table(k, {2, 3}, {1, 1})) == Rows{{1, 2, 3}, {4, 5, 6}});
    CHECK(gain_summary(k, {2, 3}, {1, 1}).score() == std::optional<double>{6.0});
    CHECK(gain_summary(k, {2, 3}, {1, 1}).mean == 21.0 / 6);
    // ones 3 with dilation 2 at stride 3: taps at 0, 2, 4 hit phases 0, 2, 1: even.
    CHECK(rows_of(phase_gain_table(ones_kernel({1, 3}), {1, 3}, {1, 2})) == Rows{{1, 1, 1}});
    // ones 2 with dilation 2 at stride 3: taps at 0 and 2, phase 1 empty.
    CHECK(rows_of(phase_gain_table(ones_kernel({1, 2}), {1, 3}, {1, 2})) == Rows{{1, 0, 1}});
}

TEST_CASE("phase gains: cancelling taps, mixed signs and all-negative kernels", "[core][phase_gains]") {
    // 1,-2,1 at stride 1: one phase, gain 0 though every tap reaches it.
    const GainSummary cancel = gain_summary(parse_kernel_matrix("1,-2,1", ';'), {1, 1}, {1, 1});
    CHECK(cancel.zero_phases == 1);
    CHECK_FALSE(cancel.score().has_value());
    const GainSummary mixed = gain_summary(parse_kernel_matrix("1,-1", ';'), {1, 2}, {1, 1});
    CHECK(mixed.mixed_signs);
    CHECK(mixed.zero_phases == 0);
    CHECK_FALSE(mixed.score().has_value());
    // All negative: the ratio of magnitudes, still >= 1.
    const GainSummary negative = gain_summary(parse_kernel_matrix("-1,-2", ';'), {1, 2}, {1, 1});
    CHECK_FALSE(negative.mixed_signs);
    CHECK(negative.score() == std::optional<double>{2.0});
}

TEST_CASE("phase gains: a huge stride is summarised without a table", "[core][phase_gains]") {
    const Kernel k = ones_kernel({3, 3});
    const GainSummary s = gain_summary(k, {1 << 16, 1 << 16}, {1, 1});
    CHECK(s.phases == std::int64_t{1} << 32);
    CHECK(s.zero_phases == (std::int64_t{1} << 32) - 9);
    CHECK(s.mean == 9.0 / static_cast<double>(std::int64_t{1} << 32));
    CHECK_THROWS_AS(phase_gain_table(k, {1 << 16, 1 << 16}, {1, 1}), InvalidParams);
    CHECK(phase_gain_table(k, {1024, 1024}, {1, 1}).gains.size() == std::size_t{1} << 20);
}

TEST_CASE("phase gains: each reached phase sums its taps in kernel order, any stride and dilation", "[core][phase_gains]") {
    // The definition tap by tap: a phase is reached when some tap lands on it.
    for (std::int64_t s = 1; s <= 5; ++s)
        for (std::int64_t d = 1; d <= 4; ++d)
            for (std::int64_t k = 1; k <= 7; ++k) {
                CAPTURE(s, d, k);
                Kernel kernel{{k, k + 1}, {}};
                for (std::int64_t i = 0; i < k * (k + 1); ++i) kernel.weights.push_back(static_cast<float>(i % 5) - 1.5f);
                std::vector<double> sums(static_cast<std::size_t>(s * (s + 1)), 0.0);
                std::vector<bool> reached(sums.size(), false);
                for (std::int64_t a = 0; a < k; ++a)
                    for (std::int64_t b = 0; b < k + 1; ++b) {
                        const auto phase = static_cast<std::size_t>(a * d % s * (s + 1) + b * d % (s + 1));
                        sums[phase] += kernel.at(a, b);
                        reached[phase] = true;
                    }
                std::vector<PhaseGain> want;
                for (std::size_t p = 0; p < sums.size(); ++p)
                    if (reached[p])
                        want.push_back(
                            {{static_cast<std::int64_t>(p) / (s + 1), static_cast<std::int64_t>(p) % (s + 1)}, sums[p]});
                const std::vector<PhaseGain> got = reached_phase_gains(kernel, {s, s + 1}, {d, d});
                REQUIRE(got.size() == want.size());
                for (std::size_t i = 0; i < got.size(); ++i) {
                    CHECK(got[i].phase == want[i].phase);
                    CHECK(got[i].gain == want[i].gain);
                }
            }
}
