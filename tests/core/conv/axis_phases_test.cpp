// The stride-phase arithmetic against the definition: output o reads input i with tap t exactly when
// i*stride + t*dilation == o + crop_begin and 0 <= i < in, enumerated by brute force.
#include <cstdint>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/axis_phases.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"

namespace core = tconv::core;

TEST_CASE("axis phases: the article's k3 s4 op1 axis, tap by tap", "[core][phases]") {
    // 4 inputs -> 16 outputs: output 4q + t reads input q with tap t for t < 3; phase 3 reads nothing.
    const core::AxisShape a = core::plan_axis(4, 3, 4, 1, core::PaddingMode::Explicit, 0, 0, 1);
    const core::AxisPhases phases(a, core::EdgeMode::Zero);
    REQUIRE(phases.phases().size() == 4);
    for (std::int64_t p = 0; p < 3; ++p) {
        const core::AxisPhase& ph = phases.phases()[static_cast<std::size_t>(p)];
        CHECK(ph.first_out == p);
        CHECK(ph.count == 4);
        REQUIRE(ph.taps.size() == 1);
        CHECK(ph.taps[0].first_input == 0);
        CHECK(ph.taps[0].tap == p);
    }
    CHECK(phases.phases()[3].taps.empty());
    std::vector<std::pair<std::int64_t, std::int64_t>> seen;
    phases.taps_at(9, [&](std::int64_t i, std::int64_t t) { seen.emplace_back(i, t); });
    CHECK(seen == std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 1}});
}

TEST_CASE("axis phases: k4 s2 p1 (bilinear x2) gives two taps per output, the first and last one", "[core][phases]") {
    const core::AxisShape a = core::plan_axis(3, 4, 2, 1, core::PaddingMode::Explicit, 1, 1, 0);  // 3 -> 6
    const core::AxisPhases phases(a, core::EdgeMode::Zero);
    auto taps = [&](std::int64_t o) {
        std::vector<std::pair<std::int64_t, std::int64_t>> v;
        phases.taps_at(o, [&](std::int64_t i, std::int64_t t) { v.emplace_back(i, t); });
        return v;
    };
    using V = std::vector<std::pair<std::int64_t, std::int64_t>>;
    CHECK(taps(0) == V{{0, 1}});          // full index 1: input 0 tap 1 (input -1 tap 3 is outside)
    CHECK(taps(1) == V{{1, 0}, {0, 2}});  // full index 2
    CHECK(taps(2) == V{{1, 1}, {0, 3}});
    CHECK(taps(5) == V{{2, 2}});  // full index 6: input 3 tap 0 is outside
}

TEST_CASE("axis phases: with replicate and reflect edges the outside taps read the mode's pixels", "[core][phases]") {
    // Bilinear x2 on 3 inputs: output 0 (full index 1) also meets position -1 with tap 3.
    const core::AxisShape a = core::plan_axis(3, 4, 2, 1, core::PaddingMode::Explicit, 1, 1, 0);
    auto taps = [&](core::EdgeMode edge, std::int64_t o) {
        std::vector<std::pair<std::int64_t, std::int64_t>> v;
        core::AxisPhases(a, edge).taps_at(o, [&](std::int64_t i, std::int64_t t) { v.emplace_back(i, t); });
        return v;
    };
    using V = std::vector<std::pair<std::int64_t, std::int64_t>>;
    CHECK(taps(core::EdgeMode::Replicate, 0) == V{{0, 1}, {0, 3}});  // position -1 is pixel 0
    CHECK(taps(core::EdgeMode::Reflect, 0) == V{{0, 1}, {1, 3}});    // position -1 mirrors pixel 1
    CHECK(taps(core::EdgeMode::Replicate, 5) == V{{2, 0}, {2, 2}});  // position 3 is pixel 2; tap order
    CHECK(taps(core::EdgeMode::Reflect, 5) == V{{1, 0}, {2, 2}});    // position 3 mirrors pixel 1
}

TEST_CASE("axis phases: every (output, input, tap) triple exactly once, over many axes", "[core][phases]") {
    std::mt19937_64 rng(4242);
    auto between = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
    int axes = 0;
    while (axes < 3000) {
        const std::int64_t stride = between(1, 12), dilation = between(1, 9);
        core::AxisShape a;
        try {
            a = core::plan_axis(between(1, 12), between(1, 8), stride, dilation, core::PaddingMode::Explicit, between(0, 6),
                                between(0, 6), between(0, std::max(stride, dilation) - 1));
        } catch (const core::InvalidParams&) {
            continue;
        }
        ++axes;
        const auto edge = static_cast<core::EdgeMode>(axes % 3);
        const core::AxisPhases phases(a, edge);
        REQUIRE(phases.phases().size() == static_cast<std::size_t>(std::min(a.stride, a.out)));
        // (output, input read, tap) for every position i of the whole line, through the edge map.
        std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> want, got;
        for (std::int64_t o = 0; o < a.out; ++o)
            for (std::int64_t t = 0; t < a.kernel; ++t) {
                const std::int64_t rest = o + a.crop_begin - t * a.dilation;  // = i * stride, when some i fits
                const std::int64_t i = rest >= 0 ? rest / a.stride : -((-rest + a.stride - 1) / a.stride);
                if (i * a.stride != rest) continue;
                const std::int64_t source = core::edge_source(i, a.in, edge);
                if (source >= 0) want.insert({o, source, t});
            }
        for (std::int64_t o = 0; o < a.out; ++o) {
            std::int64_t last_tap = -1;
            phases.taps_at(o, [&](std::int64_t i, std::int64_t t) {
                CHECK(t > last_tap);  // in tap order
                last_tap = t;
                CHECK(got.insert({o, i, t}).second);
            });
        }
        CAPTURE(a.in, a.kernel, a.stride, a.dilation, a.crop_begin, a.out, core::edge_mode_name(edge));
        REQUIRE(got == want);
    }
}

TEST_CASE("axis phases: the cost is the taps, not kernel x stride (k 2^22, stride 2^16)", "[core][phases]") {
    // Every tap belongs to exactly one phase; finding them by trying every tap in every phase would
    // take 2^38 steps here.
    const std::int64_t kernel = std::int64_t{1} << 22, stride = std::int64_t{1} << 16;
    const core::AxisShape a = core::plan_axis(1, kernel, stride, 3, core::PaddingMode::Explicit, 0, 0, 0);
    const core::AxisPhases phases(a, core::EdgeMode::Replicate);
    std::int64_t taps = 0;
    for (const core::AxisPhase& ph : phases.phases()) {
        for (const core::PhaseTap& t : ph.taps) REQUIRE((t.tap * 3 - ph.first_out) % stride == 0);
        taps += static_cast<std::int64_t>(ph.taps.size());
    }
    CHECK(taps == kernel);
}
