// Output-size arithmetic: the PyTorch formula, Keras valid/same against Keras' own
// deconv_output_length, Dumoulin & Visin's transposed-convolution relationships, and the errors.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"

namespace {

using namespace tconv;
using Catch::Matchers::Contains;
using core::PaddingMode;

constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();

/// Keras' conv_utils.deconv_output_length for 'valid' and 'same' (Conv2DTranspose's output size),
/// transcribed from Keras: the dilated filter first, then the length with or without output padding.
std::int64_t keras_deconv_output_length(std::int64_t input_length, std::int64_t filter_size, bool same,
                                        std::optional<std::int64_t> output_padding, std::int64_t stride, std::int64_t dilation) {
    filter_size = filter_size + (filter_size - 1) * (dilation - 1);
    if (!output_padding) {
        if (!same) return input_length * stride + std::max<std::int64_t>(filter_size - stride, 0);
        return input_length * stride;
    }
    const std::int64_t pad = same ? filter_size / 2 : 0;
    return (input_length - 1) * stride + filter_size - 2 * pad + *output_padding;
}

std::int64_t explicit_out(std::int64_t in, std::int64_t k, std::int64_t s, std::int64_t d, std::int64_t p, std::int64_t op) {
    return core::plan_axis(in, k, s, d, PaddingMode::Explicit, p, p, op).out;
}

}  // namespace

TEST_CASE("output size follows out = (in-1)*s - 2p + d*(k-1) + op + 1", "[core][shape]") {
    struct Row {
        std::int64_t in, k, s, d, p, op, out;
    };
    const Row rows[] = {
        {4, 3, 4, 1, 0, 1, 16},  // the article: 3*4 + 2 + 1 + 1
        {4, 4, 4, 1, 0, 0, 16},  // touching blocks
        {4, 5, 4, 1, 0, 0, 17}, {1, 1, 1, 1, 0, 0, 1},   {1, 3, 7, 1, 1, 0, 1},
        {5, 3, 2, 1, 1, 1, 10}, {3, 2, 1, 2, 0, 0, 5},    // ONNX dilations case: 2 + 2*1 + 1
        {7, 3, 3, 2, 2, 1, 20},                           // 18 - 4 + 4 + 1 + 1
        {2, 1, 5, 1, 0, 4, 10}, {10, 5, 1, 3, 6, 2, 12},  // output padding < dilation: 9 - 12 + 12 + 2 + 1
    };
    for (const Row& r : rows) {
        CAPTURE(r.in, r.k, r.s, r.d, r.p, r.op);
        const core::AxisShape a = core::plan_axis(r.in, r.k, r.s, r.d, PaddingMode::Explicit, r.p, r.p, r.op);
        CHECK(a.out == r.out);
        CHECK(a.k_eff == r.d * (r.k - 1) + 1);
        CHECK(a.full == (r.in - 1) * r.s + a.k_eff);
        CHECK(a.crop_begin == r.p);
        CHECK(a.crop_end == r.p);
        CHECK(a.output_padding == r.op);
    }
}

TEST_CASE("plan_output_shape keeps rows and columns apart", "[core][shape]") {
    core::Geometry g;
    g.kernel = {2, 3};
    g.stride = {3, 2};
    g.dilation = {1, 2};
    g.padding = {PaddingMode::Explicit, 1, 0, 2, 3};  // top, left, bottom, right
    g.output_padding = core::Extent2{2, 1};
    const core::OutputShape s = core::plan_output_shape({5, 3}, g);
    // rows: (5-1)*3 + 2 = 14 full, - 1 - 2 + 2 = 13; cols: (3-1)*2 + 2*2 + 1 = 9 full, - 0 - 3 + 1 = 7.
    CHECK(s.in() == core::Extent2{5, 3});
    CHECK(s.rows.full == 14);
    CHECK(s.cols.full == 9);
    CHECK(s.out() == core::Extent2{13, 7});
    CHECK(s.rows.crop_begin == 1);
    CHECK(s.rows.crop_end == 2);
    CHECK(s.cols.crop_begin == 0);
    CHECK(s.cols.crop_end == 3);
}

TEST_CASE("Keras valid/same sizes equal Keras' deconv_output_length", "[core][shape][keras]") {
    int checked = 0;
    for (std::int64_t in = 1; in <= 7; ++in)
        for (std::int64_t k = 1; k <= 6; ++k)
            for (std::int64_t s = 1; s <= 4; ++s)
                for (std::int64_t d = 1; d <= 3; ++d)
                    for (std::int64_t op = -1; op < std::max(s, d); ++op)
                        for (const bool same : {false, true}) {
                            const std::optional<std::int64_t> output_padding = op < 0 ? std::nullopt : std::optional(op);
                            const std::int64_t want = keras_deconv_output_length(in, k, same, output_padding, s, d);
                            CAPTURE(in, k, s, d, op, same, want);
                            const auto mode = same ? PaddingMode::Same : PaddingMode::Valid;
                            if (want < 1) {
                                REQUIRE_THROWS_AS(core::plan_axis(in, k, s, d, mode, 0, 0, output_padding), core::InvalidParams);
                                continue;
                            }
                            const core::AxisShape a = core::plan_axis(in, k, s, d, mode, 0, 0, output_padding);
                            REQUIRE(a.out == want);
                            // The window (docs/semantics.md): P = full - out; floor(P/2) dropped at the start,
                            // the rest at the end; a negative P appends zeros (counted as output padding).
                            const std::int64_t p = a.full - want;
                            REQUIRE(a.crop_begin == (p >= 0 ? p / 2 : 0));
                            REQUIRE(a.crop_end == (p >= 0 ? p - p / 2 : 0));
                            REQUIRE(a.output_padding == (p >= 0 ? 0 : -p));
                            REQUIRE(a.out == a.full - a.crop_begin - a.crop_end + a.output_padding);
                            ++checked;
                        }
    CHECK(checked > 1000);
}

TEST_CASE("Keras sizes for familiar layers", "[core][shape][keras]") {
    // same: out = in * stride whatever the kernel; valid: (in-1)*s + max(k, s).
    CHECK(core::plan_axis(4, 3, 2, 1, PaddingMode::Same, 0, 0, std::nullopt).out == 8);
    CHECK(core::plan_axis(4, 4, 2, 1, PaddingMode::Same, 0, 0, std::nullopt).out == 8);
    CHECK(core::plan_axis(4, 3, 2, 1, PaddingMode::Valid, 0, 0, std::nullopt).out == 9);
    CHECK(core::plan_axis(4, 1, 3, 1, PaddingMode::Valid, 0, 0, std::nullopt).out == 12);
    // same with output padding: (in-1)*s + k_eff%2 + op.
    CHECK(core::plan_axis(4, 3, 2, 1, PaddingMode::Same, 0, 0, 1).out == 8);
    CHECK(core::plan_axis(4, 4, 2, 1, PaddingMode::Same, 0, 0, 1).out == 7);
    // same, k=3 s=2 (full 9 -> 8): nothing dropped at the start, one entry at the end.
    const core::AxisShape a = core::plan_axis(4, 3, 2, 1, PaddingMode::Same, 0, 0, std::nullopt);
    CHECK(a.crop_begin == 0);
    CHECK(a.crop_end == 1);
    // same, k=5 s=1 (full 8 -> 4): two dropped at each end.
    const core::AxisShape b = core::plan_axis(4, 5, 1, 1, PaddingMode::Same, 0, 0, std::nullopt);
    CHECK(b.out == 4);
    CHECK(b.crop_begin == 2);
    CHECK(b.crop_end == 2);
}

TEST_CASE("Dumoulin & Visin transposed-convolution relationships", "[core][shape]") {
    // "A guide to convolution arithmetic for deep learning", section 4. A convolution with input i,
    // kernel k, stride s, padding p has output o; its transpose takes i' = o back to o' = i.
    struct Row {
        const char* what;
        std::int64_t i_prime, k, s, p, a, o_prime;
    };
    const Row rows[] = {
        {"rel. 8 / fig. 4.1: no padding, unit strides, i=4 k=3", 2, 3, 1, 0, 0, 4},
        {"rel. 9 / fig. 4.2: padding, unit strides, i=5 k=4 p=2", 6, 4, 1, 2, 0, 5},
        {"rel. 10 / fig. 4.3: half padding, i=5 k=3 p=1", 5, 3, 1, 1, 0, 5},
        {"rel. 11 / fig. 4.4: full padding, i=5 k=3 p=2", 7, 3, 1, 2, 0, 5},
        {"rel. 12 / fig. 4.5: no padding, strides, i=5 k=3 s=2", 2, 3, 2, 0, 0, 5},
        {"rel. 13 / fig. 4.6: padding, strides, i=5 k=3 s=2 p=1", 3, 3, 2, 1, 0, 5},
        {"rel. 14 / fig. 4.7: padding, strides, odd, i=6 k=3 s=2 p=1 a=1", 3, 3, 2, 1, 1, 6},
    };
    for (const Row& r : rows) {
        CAPTURE(r.what);
        CHECK(explicit_out(r.i_prime, r.k, r.s, 1, r.p, r.a) == r.o_prime);
    }
    // Relationship 13 in general: o' = s(i'-1) + k - 2p; 14 adds a.
    for (std::int64_t i = 1; i <= 6; ++i)
        for (std::int64_t k = 1; k <= 5; ++k)
            for (std::int64_t s = 1; s <= 3; ++s)
                for (std::int64_t a = 0; a < s; ++a) {
                    CAPTURE(i, k, s, a);
                    CHECK(explicit_out(i, k, s, 1, 0, a) == s * (i - 1) + a + k);
                }
}

TEST_CASE("invalid geometry is InvalidParams, never a crash or a wrapped size", "[core][shape][errors]") {
    using core::InvalidParams;
    const auto E = PaddingMode::Explicit;
    SECTION("output padding must be < max(stride, dilation)") {
        CHECK_THROWS_WITH(core::plan_axis(4, 3, 2, 1, E, 0, 0, 2), Contains("max(stride, dilation) = 2"));
        CHECK_THROWS_AS(core::plan_axis(4, 3, 1, 1, E, 0, 0, 1), InvalidParams);
        CHECK_THROWS_AS(core::plan_axis(4, 3, 1, 3, E, 0, 0, 3), InvalidParams);
        CHECK(core::plan_axis(4, 3, 1, 3, E, 0, 0, 2).out == 4 - 1 + 6 + 2 + 1);  // < dilation is fine
        CHECK_THROWS_AS(core::plan_axis(4, 3, 2, 1, PaddingMode::Same, 0, 0, 2), InvalidParams);
        CHECK_THROWS_AS(core::plan_axis(4, 3, 2, 1, PaddingMode::Valid, 0, 0, 5), InvalidParams);
    }
    SECTION("the output must be at least one pixel") {
        CHECK_THROWS_WITH(core::plan_axis(1, 1, 1, 1, E, 1, 1, 0), Contains("output size would be -1"));
        CHECK_THROWS_WITH(core::plan_axis(2, 3, 1, 1, E, 2, 2, 0), Contains("output size would be 0"));
        CHECK_THROWS_AS(core::plan_axis(2, 3, 1, 1, E, 4, 0, 0), InvalidParams);
        CHECK(core::plan_axis(2, 3, 1, 1, E, 3, 0, 0).out == 1);
    }
    SECTION("zero and negative values") {
        CHECK_THROWS_WITH(core::plan_axis(0, 3, 1, 1, E, 0, 0, 0), Contains("input size"));
        CHECK_THROWS_WITH(core::plan_axis(4, 0, 1, 1, E, 0, 0, 0), Contains("filter size"));
        CHECK_THROWS_WITH(core::plan_axis(4, -3, 1, 1, E, 0, 0, 0), Contains("filter size"));
        CHECK_THROWS_WITH(core::plan_axis(4, 3, 0, 1, E, 0, 0, 0), Contains("stride"));
        CHECK_THROWS_WITH(core::plan_axis(4, 3, -2, 1, E, 0, 0, 0), Contains("stride"));
        CHECK_THROWS_WITH(core::plan_axis(4, 3, 1, 0, E, 0, 0, 0), Contains("dilation"));
        CHECK_THROWS_WITH(core::plan_axis(4, 3, 1, 1, E, -1, 0, 0), Contains("padding"));
        CHECK_THROWS_WITH(core::plan_axis(4, 3, 1, 1, E, 0, -1, 0), Contains("padding"));
        CHECK_THROWS_WITH(core::plan_axis(4, 3, 2, 1, E, 0, 0, -1), Contains("output padding"));
    }
    SECTION("sizes that overflow 64 bits") {
        CHECK_THROWS_WITH(core::plan_axis(i64_max / 2, 3, 4, 1, E, 0, 0, 0), Contains("overflows 64 bits"));
        CHECK_THROWS_WITH(core::plan_axis(4, i64_max / 2, 1, 4, E, 0, 0, 0), Contains("overflows 64 bits"));
        CHECK_THROWS_WITH(core::plan_axis(2, 2, i64_max, 1, E, 0, 0, 0), Contains("overflows 64 bits"));
        CHECK_THROWS_WITH(core::plan_axis(i64_max / 2, 3, 4, 1, PaddingMode::Same, 0, 0, std::nullopt),
                          Contains("overflows 64 bits"));
        CHECK_THROWS_AS(core::plan_axis(i64_max, 2, 1, 1, E, 0, 0, 0), InvalidParams);
        // The largest size that fits is planned exactly.
        CHECK(core::plan_axis(i64_max, 1, 1, 1, E, 0, 0, 0).out == i64_max);
    }
    SECTION("plan_output_shape and validate_geometry name the axis") {
        core::Geometry g;
        g.kernel = {3, 3};
        g.stride = {2, 1};
        g.output_padding = core::Extent2{1, 1};  // fine for rows (stride 2), not for columns (stride 1)
        CHECK_THROWS_WITH(core::validate_geometry(g), Contains("columns") && Contains("output padding"));
        CHECK_THROWS_WITH(core::plan_output_shape({4, 4}, g), Contains("columns"));
        g.stride = {1, 2};
        CHECK_THROWS_WITH(core::validate_geometry(g), Contains("rows"));
        g.stride = {2, 2};
        CHECK_NOTHROW(core::validate_geometry(g));
        CHECK_THROWS_WITH(core::plan_output_shape({0, 4}, g), Contains("rows") && Contains("input size"));
        g.padding = {PaddingMode::Explicit, 0, 5, 0, 5};
        CHECK_THROWS_WITH(core::plan_output_shape({4, 1}, g), Contains("columns") && Contains("output size"));
    }
}
