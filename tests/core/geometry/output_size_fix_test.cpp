// What reaches a wanted output size: the output padding, else the padding, else nothing; the sizes
// are worked out by hand from out = (in - 1) * stride - 2 * padding + k + output_padding.
#include <catch2/catch.hpp>

#include "core/geometry/output_size_fix.hpp"

using namespace tconv::core;

namespace {
Geometry geometry(Extent2 k, Extent2 s, std::int64_t p) {
    return Geometry{k, s, {1, 1}, Padding{PaddingMode::Explicit, p, p, p, p}, {}};
}
}  // namespace

TEST_CASE("output padding reaches sizes within the stride", "[output_size_fix]") {
    // 4x4, k4 s2 p1: 8 + op, op 0..1.
    const OutputSizeFix fix = find_output_size_fix({4, 4}, geometry({4, 4}, {2, 2}, 1), {9, 8});
    REQUIRE(fix.output_padding);
    CHECK(*fix.output_padding == Extent2{1, 0});
    CHECK_FALSE(fix.padding);
}

TEST_CASE("otherwise the smallest padding from which an output padding reaches it", "[output_size_fix]") {
    // 4x4, k4 s2: full 10. Wanted 7: p 2 gives 6 + op 1; wanted 10 columns: p 0 gives 10, op 0.
    const OutputSizeFix fix = find_output_size_fix({4, 4}, geometry({4, 4}, {2, 2}, 1), {7, 10});
    CHECK_FALSE(fix.output_padding);
    REQUIRE(fix.padding);
    CHECK(fix.padding->padding == Extent2{2, 0});
    CHECK(fix.padding->output_padding == Extent2{1, 0});
    // Odd sizes from k5 s2 p2: 2 * in - 1 + op covers both 2 in - 1 and 2 in.
    const OutputSizeFix odd = find_output_size_fix({239, 320}, geometry({5, 5}, {2, 2}, 2), {477, 640});
    REQUIRE(odd.output_padding);
    CHECK(*odd.output_padding == Extent2{0, 1});
}

TEST_CASE("nothing reaches a size beyond the full buffer plus the stride, or a parity stride 1 misses", "[output_size_fix]") {
    // 4x4, k4 s2: full 10, at most 11.
    const OutputSizeFix big = find_output_size_fix({4, 4}, geometry({4, 4}, {2, 2}, 1), {12, 8});
    CHECK_FALSE(big.output_padding);
    CHECK_FALSE(big.padding);
    // 5x5, k2 s1: full 6, symmetric padding gives 6, 4, 2: never 5.
    const OutputSizeFix parity = find_output_size_fix({5, 5}, geometry({2, 2}, {1, 1}, 0), {5, 6});
    CHECK_FALSE(parity.output_padding);
    CHECK_FALSE(parity.padding);
}
