// Overlap counts: hand-counted maps for k3 s2 and k4 s2, and the interior phase rule against direct
// enumeration on long axes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/kernel/overlap_map.hpp"

using namespace tconv::core;

namespace {

OutputShape plan(std::int64_t in, std::int64_t k, std::int64_t s, std::int64_t p = 0, std::int64_t d = 1) {
    Geometry g;
    g.kernel = {k, k};
    g.stride = {s, s};
    g.dilation = {d, d};
    g.padding = Padding{PaddingMode::Explicit, p, p, p, p};
    return plan_output_shape({in, in}, g);
}

}  // namespace

TEST_CASE("overlap: k3 s2 on 4 inputs counts 1 1 2 1 2 1 2 1 1, the map 1/2/4", "[core][overlap]") {
    // Output o is reached by input i when 0 <= o - 2i <= 2: o = 2, 4, 6 by two inputs, the rest by one.
    const std::vector<std::int64_t> axis{1, 1, 2, 1, 2, 1, 2, 1, 1};
    const OverlapMap map = overlap_map(plan(4, 3, 2));
    CHECK(map.rows.counts == axis);
    CHECK(map.cols.counts == axis);
    CHECK(map.rows.interior == CountRange{1, 2});
    CHECK(map.over_output() == CountRange{1, 4});
    for (std::int64_t y = 0; y < 9; ++y)
        for (std::int64_t x = 0; x < 9; ++x) {
            CAPTURE(y, x);
            CHECK(map.at(y, x) == axis[static_cast<std::size_t>(y)] * axis[static_cast<std::size_t>(x)]);
        }
    CHECK(map.at(2, 2) == 4);
    CHECK(map.at(2, 3) == 2);
    CHECK(map.at(3, 3) == 1);
}

TEST_CASE("overlap: k4 s2 is even inside: every inner output gets two inputs", "[core][overlap]") {
    const OverlapMap map = overlap_map(plan(4, 4, 2, 1));
    CHECK(map.rows.counts == std::vector<std::int64_t>{1, 2, 2, 2, 2, 2, 2, 1});
    CHECK(map.rows.interior == CountRange{2, 2});
    for (std::int64_t y = 1; y < 7; ++y)
        for (std::int64_t x = 1; x < 7; ++x) {
            CAPTURE(y, x);
            CHECK(map.at(y, x) == 4);
        }
}

TEST_CASE("overlap: the article's k3 s4 leaves every fourth output unreached", "[core][overlap]") {
    const AxisShape a = plan_axis(4, 3, 4, 1, PaddingMode::Explicit, 0, 0, 1);
    const AxisOverlap o = axis_overlap(a);
    CHECK(o.counts == std::vector<std::int64_t>{1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0});
    CHECK(o.interior == CountRange{0, 1});
    CHECK(o.over_output == CountRange{0, 1});
}

TEST_CASE("overlap: with dilation 1, uneven exactly when kernel % stride != 0", "[core][overlap]") {
    for (std::int64_t k = 1; k <= 12; ++k)
        for (std::int64_t s = 1; s <= 12; ++s) {
            CAPTURE(k, s);
            const CountRange r = interior_overlap(k, s, 1);
            CHECK((r.min != r.max) == (k % s != 0));
            CHECK(r.max == (k + s - 1) / s);
            CHECK(r.min == k / s);
        }
}

TEST_CASE("overlap: the interior phase counts match direct enumeration in the middle of a long axis", "[core][overlap]") {
    for (std::int64_t d = 1; d <= 3; ++d)
        for (std::int64_t k = 1; k <= 6; ++k)
            for (std::int64_t s = 1; s <= 6; ++s) {
                CAPTURE(k, s, d);
                const AxisShape a = plan_axis(40, k, s, d, PaddingMode::Explicit, 0, 0, std::nullopt);
                const AxisOverlap o = axis_overlap(a);
                // Far from both ends every tap of every phase has an input behind it.
                const std::int64_t k_eff = d * (k - 1) + 1;
                const auto first = o.counts.begin() + k_eff;
                const auto last = o.counts.end() - k_eff;
                REQUIRE(last - first >= s);
                const auto [lo, hi] = std::minmax_element(first, last);
                CHECK(CountRange{*lo, *hi} == o.interior);
            }
    // Two cases where k_eff % stride alone would mislead: taps 0, 2 with stride 3 leave phase 1
    // empty; taps 0, 2, 4 with stride 3 hit phases 0, 2, 1 once each.
    CHECK(interior_overlap(2, 3, 2) == CountRange{0, 1});
    CHECK(interior_overlap(3, 3, 2) == CountRange{1, 1});
}

TEST_CASE("overlap: zero counts in the output padding past the full buffer", "[core][overlap]") {
    // k1 s2 on 2 inputs: full buffer 1 0 1, output padding 1 adds a fourth, unreached index.
    const AxisShape a = plan_axis(2, 1, 2, 1, PaddingMode::Explicit, 0, 0, 1);
    CHECK(axis_overlap(a).counts == std::vector<std::int64_t>{1, 0, 1, 0});
}

TEST_CASE("overlap: the counts equal direct enumeration of every input and tap", "[core][overlap]") {
    // The definition itself: input i reaches output o through tap k when i*stride + k*dilation - crop_begin == o.
    for (std::int64_t in = 1; in <= 5; ++in)
        for (std::int64_t k = 1; k <= 5; ++k)
            for (std::int64_t s = 1; s <= 4; ++s)
                for (std::int64_t d = 1; d <= 3; ++d)
                    for (std::int64_t crop = 0; crop <= 3; ++crop)
                        for (std::int64_t op = 0; op < std::max(s, d); ++op) {
                            CAPTURE(in, k, s, d, crop, op);
                            const std::int64_t full = (in - 1) * s + d * (k - 1) + 1;
                            if (full + op - 2 * crop < 1) continue;
                            const AxisShape a = plan_axis(in, k, s, d, PaddingMode::Explicit, crop, crop, op);
                            std::vector<std::int64_t> want(static_cast<std::size_t>(a.out), 0);
                            for (std::int64_t i = 0; i < in; ++i)
                                for (std::int64_t t = 0; t < k; ++t) {
                                    const std::int64_t o = i * s + t * d - a.crop_begin;
                                    if (o >= 0 && o < a.out) ++want[static_cast<std::size_t>(o)];
                                }
                            CHECK(axis_overlap(a).counts == want);
                        }
}

TEST_CASE("overlap: a 2^31-pixel axis and a 2^24-tap kernel cropped to 862 outputs", "[core][overlap]") {
    // tconv overlap --input 1x2147483647 -f 1x16777216 -p 0,1082130000,0,1082130000: every output lies
    // deep inside, reached by all 16777216 taps, each from its own input.
    const AxisShape a = plan_axis(2147483647, 16777216, 1, 1, PaddingMode::Explicit, 1082130000, 1082130000, 0);
    REQUIRE(a.out == 862);
    const AxisOverlap o = axis_overlap(a);
    CHECK(o.over_output == CountRange{16777216, 16777216});
    CHECK(o.interior == CountRange{16777216, 16777216});
}
