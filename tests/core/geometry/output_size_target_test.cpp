// --output-size and --conv arithmetic: PyTorch's output_size rule and the forward convolution size,
// checked against hand-computed cases (PyTorch's docs, ONNX, Dumoulin & Visin).
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/geometry/output_size_target.hpp"

using namespace tconv::core;

namespace {

Geometry geometry(Extent2 k, Extent2 s, std::int64_t p = 0) {
    Geometry g;
    g.kernel = k;
    g.stride = s;
    g.padding = Padding{PaddingMode::Explicit, p, p, p, p};
    return g;
}

}  // namespace

TEST_CASE("output size: PyTorch's docs example, 6x6 back to 12x12 with k3 s2 p1", "[core][output_size]") {
    // min = (6-1)*2 - 2*1 + (3-1) + 1 = 11, so 12 needs output padding 1.
    const Geometry g = geometry({3, 3}, {2, 2}, 1);
    const ReachableSizes r = reachable_output_sizes({6, 6}, g);
    CHECK(r.rows.min == 11);
    CHECK(r.rows.max == 12);
    CHECK(solve_output_padding({6, 6}, g, {12, 12}) == Extent2{1, 1});
    CHECK(solve_output_padding({6, 6}, g, {11, 12}) == Extent2{0, 1});
    CHECK(plan_output_shape_to_size({6, 6}, g, {12, 11}).out() == Extent2{12, 11});
}

TEST_CASE("output size: ONNX convtranspose_output_shape, 3x3 strides 3x2 to 10x8", "[core][output_size]") {
    // Rows: min (3-1)*3 + 3 = 9, max 11; columns: min (3-1)*2 + 3 = 7, max 8.
    const Geometry g = geometry({3, 3}, {3, 2});
    const ReachableSizes r = reachable_output_sizes({3, 3}, g);
    CHECK((r.rows.min == 9 && r.rows.max == 11 && r.cols.min == 7 && r.cols.max == 8));
    CHECK(solve_output_padding({3, 3}, g, {10, 8}) == Extent2{1, 1});
}

TEST_CASE("output size: out of range names the axis and the range", "[core][output_size]") {
    const Geometry g = geometry({3, 3}, {4, 4});
    CHECK_THROWS_WITH(solve_output_padding({4, 4}, g, {19, 16}),
                      "rows: output size 19 cannot be reached from 4: the sizes reachable by output padding are 15 "
                      "to 18 (min to min + stride - 1)");
    CHECK_THROWS_WITH(solve_output_padding({4, 4}, g, {16, 14}),
                      "columns: output size 14 cannot be reached from 4: the sizes reachable by output padding are "
                      "15 to 18 (min to min + stride - 1)");
    // Stride 1 leaves exactly one size.
    CHECK_THROWS_AS(solve_output_padding({4, 4}, geometry({3, 3}, {1, 1}), {7, 7}), InvalidParams);
    CHECK(solve_output_padding({4, 4}, geometry({3, 3}, {1, 1}), {6, 6}) == Extent2{0, 0});
}

TEST_CASE("output size: Keras same reaches in*stride with the op formula", "[core][output_size]") {
    // same with output padding a: (in-1)*s + k%2 + a; k3 s2 in 3: 5 + a, so 6 needs a = 1.
    Geometry g = geometry({3, 3}, {2, 2});
    g.padding = Padding{PaddingMode::Same};
    CHECK(solve_output_padding({3, 3}, g, {6, 6}) == Extent2{1, 1});
    CHECK(plan_output_shape_to_size({3, 3}, g, {6, 5}).out() == Extent2{6, 5});
}

TEST_CASE("output size: every reachable size is reached, for many geometries", "[core][output_size]") {
    for (std::int64_t in = 1; in <= 5; ++in)
        for (std::int64_t k = 1; k <= 5; ++k)
            for (std::int64_t s = 1; s <= 4; ++s)
                for (std::int64_t p = 0; p <= 1; ++p) {
                    const Geometry g = geometry({k, k}, {s, s}, p);
                    const std::int64_t min = (in - 1) * s - 2 * p + k;
                    for (std::int64_t want = min; want < min + s; ++want) {
                        if (want < 1) continue;
                        CAPTURE(in, k, s, p, want);
                        CHECK(plan_output_shape_to_size({in, in}, g, {want, want}).out() == Extent2{want, want});
                    }
                }
}

TEST_CASE("forward conv: the article's 1 + (in - k + 2p) / s with its remainder", "[core][output_size]") {
    // 16, k3, s4, p0: 1 + 13/4 = 4, remainder 1 (the article's output padding 1).
    ConvSize c = forward_conv_size({16, 16}, geometry({3, 3}, {4, 4}));
    CHECK((c.rows.out == 4 && c.rows.remainder == 1));
    // Dumoulin & Visin relationship 6: i=5, k3, s2, p1: 1 + 4/2 = 3, remainder 0; i=6: 3, remainder 1.
    c = forward_conv_size({5, 6}, geometry({3, 3}, {2, 2}, 1));
    CHECK((c.rows.out == 3 && c.rows.remainder == 0 && c.cols.out == 3 && c.cols.remainder == 1));
    // Dilation: k_eff = 2*(3-1)+1 = 5; 1 + (7 - 5)/1 = 3.
    Geometry d = geometry({3, 3}, {1, 1});
    d.dilation = {2, 2};
    c = forward_conv_size({7, 7}, d);
    CHECK((c.rows.k_eff == 5 && c.rows.out == 3));
    // Asymmetric padding t,l,b,r: rows 4 + 1 + 0 - 3 = 2 -> 2; columns 4 + 0 + 2 - 3 = 3 -> 4.
    Geometry a = geometry({3, 3}, {1, 1});
    a.padding = Padding{PaddingMode::Explicit, 1, 0, 0, 2};
    c = forward_conv_size({4, 4}, a);
    CHECK((c.rows.out == 3 && c.cols.out == 4));
}

TEST_CASE("forward conv: refuses valid/same and inputs smaller than the kernel", "[core][output_size]") {
    Geometry g = geometry({3, 3}, {2, 2});
    g.padding = Padding{PaddingMode::Valid};
    CHECK_THROWS_AS(forward_conv_size({4, 4}, g), InvalidParams);
    CHECK_THROWS_WITH(forward_conv_size({2, 4}, geometry({3, 3}, {1, 1})),
                      "rows: the padded input 2 is smaller than the kernel 3");
}
