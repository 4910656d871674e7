// The work counts --max-work compares: the definition's multiply-adds, and each strategy's own.
#include <catch2/catch.hpp>

#include <cstdint>

#include "core/conv/conv_work.hpp"

namespace core = tconv::core;

TEST_CASE("conv_multiply_adds: input samples x kernel taps, saturating", "[core][work]") {
    CHECK(core::conv_multiply_adds({4, 5}, 3, {2, 3}) == 4 * 5 * 3 * 2 * 3);
    CHECK(core::conv_multiply_adds({1 << 20, 1 << 20}, 4, {1 << 12, 1 << 12}) == INT64_MAX);
}

TEST_CASE("strategy_multiply_adds: copies, rows plus columns, or every tap", "[core][work]") {
    // The article's 4x4x3 input, k 3x2 stride 1: output 6x5.
    const core::Extent2 in{4, 4}, k{3, 2}, out{6, 5};
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::Replicate, in, 3, k, out) == 6 * 5 * 3);
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::FixedPoint, in, 3, k, out) == 3 * (4 * 4 * 2 + 4 * 5 * 3));
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::FloatSeparable, in, 3, k, out) == 3 * (4 * 4 * 2 + 4 * 5 * 3));
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::Dense, in, 3, k, out) == 4 * 4 * 3 * 3 * 2);
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::Scatter, in, 3, k, out) == 4 * 4 * 3 * 3 * 2);
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::FloatSeparable, {1 << 30, 1 << 30}, 4, {1 << 20, 1 << 20},
                                       {1 << 30, 1 << 30}) == INT64_MAX);
}

TEST_CASE("least_multiply_adds: the cheapest strategy the kernel allows, for one channel", "[core][work]") {
    const core::Extent2 in{4, 4}, k{3, 2}, out{6, 5};
    CHECK(core::least_multiply_adds(false, in, k, out) == 4 * 4 * 3 * 2);
    CHECK(core::least_multiply_adds(true, in, k, out) == 6 * 5);  // the copies, below 4 * 4 * 2 + 4 * 5 * 3
    // Upsampling 4x by a 1x1 kernel: 64 x 64 copies, but only 16 x 16 + 16 x 64 separable steps.
    CHECK(core::least_multiply_adds(true, {16, 16}, {1, 1}, {64, 64}) == 16 * 16 + 16 * 64);
    CHECK(core::strategy_multiply_adds(core::ConvStrategy::Scatter, in, 3, k, out) == 4 * 4 * 3 * 3 * 2);
}

TEST_CASE("least_multiply_adds_of_any_kernel: the cheapest strategy of all, whatever the weights", "[core][work]") {
    // One pixel, a 1x16777216 kernel at stride 1: the output is the kernel's size, 16777216 copies
    // at the least (separable: 16777216 + 16777216; dense: 16777216).
    CHECK(core::least_multiply_adds_of_any_kernel({1, 1}, {1, 16777216}, {1, 16777216}) == 16777216);
    // A 4x4 kernel cropped to one output pixel: one copy.
    CHECK(core::least_multiply_adds_of_any_kernel({1, 1}, {4, 4}, {1, 1}) == 1);
    // 4x4 input, k 3x2: dense 4 * 4 * 3 * 2 = 96 below the copies 12 * 10 and separable 4 * 4 * 2 + 4 * 10 * 3.
    CHECK(core::least_multiply_adds_of_any_kernel({4, 4}, {3, 2}, {12, 10}) == 96);
}
