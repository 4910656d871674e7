// The planner's decisions as values: the strategy and the reason for the article's kernels, forced
// strategies that do not apply, the names, and the row cache's size.
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include "core/conv/conv_plan.hpp"
#include "core/conv/row_convolver.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace core = tconv::core;
using core::ConvStrategy;

namespace {

struct Planned {
    core::Image in;
    core::Kernel kernel;
    core::OutputShape shape;
    Planned(core::Kernel k, std::int64_t stride, std::int64_t padding, int depth = 8)
        : in(core::blank_image({4, 4}, 3, depth)),
          kernel(std::move(k)),
          shape(core::plan_output_shape(
              in.size(),
              core::Geometry{
                  kernel.size, {stride, stride}, {1, 1}, {core::PaddingMode::Explicit, padding, padding, padding, padding}})) {}
    core::ConvPlan plan(core::ConvSchedule schedule = {}) const { return core::RowConvolver(in, kernel, shape, schedule).plan(); }
};

}  // namespace

TEST_CASE("plan: each of the article's kernels gets its strategy, with the reason", "[core][plan]") {
    const auto stripes = Planned(core::ones_kernel({3, 3}), 4, 0).plan();
    CHECK(stripes.strategy == ConvStrategy::Replicate);
    CHECK(stripes.reason == "rank 1, every output pixel a copy of at most one input pixel (weight 1) -> replicate");
    const auto bilinear = Planned(core::bilinear_kernel({4, 4}), 2, 1).plan();
    CHECK(bilinear.strategy == ConvStrategy::FixedPoint);
    CHECK(bilinear.reason == "rank 1, dyadic factors, sums below 2^16 -> fixed-point");
    const auto negative = Planned(core::Kernel{{2, 2}, {1.0f, -1.0f, 1.0f, -1.0f}}, 2, 0).plan();
    CHECK(negative.strategy == ConvStrategy::FloatSeparable);
    CHECK(negative.reason ==
          "rank 1, no 16-bit form (a factor negative or not a multiple of 2^-15, or sums reaching 2^16) -> float-separable");
    const auto dense = Planned(core::Kernel{{2, 2}, {1.0f, 0.0f, 0.0f, 1.0f}}, 2, 0).plan();
    CHECK(dense.strategy == ConvStrategy::Dense);
    CHECK(dense.reason == "rank 2 or more (no exact split into a column times a row) -> dense");
}

TEST_CASE("plan: a forced strategy is taken where it applies and refused with the reason where not", "[core][plan]") {
    const Planned bilinear(core::bilinear_kernel({4, 4}), 2, 1);
    CHECK(bilinear.plan({ConvStrategy::Dense}).strategy == ConvStrategy::Dense);
    CHECK(bilinear.plan({ConvStrategy::Dense}).reason == "forced; rank 1 -> dense");
    CHECK(bilinear.plan({ConvStrategy::FloatSeparable}).strategy == ConvStrategy::FloatSeparable);
    CHECK(bilinear.plan({ConvStrategy::Scatter}).reason == "forced; rank 1, the literal scatter in double -> scatter");
    CHECK_THROWS_AS(bilinear.plan({ConvStrategy::Replicate}), core::InvalidParams);
    CHECK_THROWS_WITH(bilinear.plan({ConvStrategy::Replicate}),
                      "strategy replicate does not apply: some output pixel adds several input pixels or weighs one by "
                      "other than 1");
    const Planned dense(core::Kernel{{2, 2}, {1.0f, 0.0f, 0.0f, 1.0f}}, 2, 0);
    for (const ConvStrategy s : {ConvStrategy::Replicate, ConvStrategy::FixedPoint, ConvStrategy::FloatSeparable})
        CHECK_THROWS_WITH(dense.plan({s}), "strategy " + std::string(core::strategy_name(s)) +
                                               " does not apply: the kernel has no exact split into a column times a row");
    const Planned negative(core::Kernel{{2, 2}, {1.0f, -1.0f, 1.0f, -1.0f}}, 2, 0);
    CHECK_THROWS_WITH(negative.plan({ConvStrategy::FixedPoint}),
                      Catch::StartsWith("strategy fixed-point does not apply: no 16-bit form"));
}

TEST_CASE("plan: 16-bit samples are summed in double and the plan says so", "[core][plan]") {
    const auto stripes = Planned(core::ones_kernel({3, 3}), 4, 0, 16).plan();
    CHECK(stripes.strategy == ConvStrategy::Replicate);
    CHECK(stripes.depth == 16);
    CHECK(Planned(core::ones_kernel({3, 3}), 4, 0).plan().depth == 8);
    const auto bilinear = Planned(core::bilinear_kernel({4, 4}), 2, 1, 16).plan();
    CHECK(bilinear.strategy == ConvStrategy::DoubleSeparable);
    CHECK(bilinear.reason == "16-bit samples, rank 1 -> double-separable");
    const Planned dense(core::Kernel{{2, 2}, {1.0f, 0.0f, 0.0f, 1.0f}}, 2, 0, 16);
    CHECK(dense.plan().strategy == ConvStrategy::DoubleDense);
    CHECK(dense.plan().reason == "16-bit samples, rank 2 or more (no exact split into a column times a row) -> double-dense");
    const Planned bilinear16(core::bilinear_kernel({4, 4}), 2, 1, 16);
    for (const ConvStrategy s : {ConvStrategy::FixedPoint, ConvStrategy::FloatSeparable, ConvStrategy::Dense})
        CHECK_THROWS_WITH(bilinear16.plan({s}), "strategy " + std::string(core::strategy_name(s)) +
                                                    " does not apply: the samples are 16-bit (its sums hold 8-bit samples "
                                                    "only; the double strategies take 16)");
    // At 8 bits the double strategies apply when forced (the planner takes the float ones first).
    CHECK(Planned(core::bilinear_kernel({4, 4}), 2, 1).plan({ConvStrategy::DoubleSeparable}).strategy ==
          ConvStrategy::DoubleSeparable);
}

TEST_CASE("plan: strategy names round-trip, and nothing else parses", "[core][plan]") {
    CHECK(core::strategy_name(ConvStrategy::FixedPoint) == "fixed-point");
    for (const ConvStrategy s : core::all_conv_strategies) CHECK(core::parse_strategy_name(core::strategy_name(s)) == s);
    for (const char* bad : {"", "auto", "Dense", "fixed_point", "dense "}) CHECK_FALSE(core::parse_strategy_name(bad));
}

TEST_CASE("plan: the row cache keeps one output row's filtered rows, within the budget", "[core][plan]") {
    // k16 s8 p4 on a 4x4 RGB input: out (4 - 1) * 8 - 8 + 15 + 1 = 32 wide, 32 * 3 floats a row; one
    // output row reads 2 input rows.
    const Planned c4(core::bilinear_kernel({16, 16}), 8, 4);
    const core::PhaseLayout layout(c4.shape, 3);
    const std::int64_t row_bytes = 32 * 3 * 4;
    REQUIRE(c4.shape.cols.out == 32);
    CHECK(core::row_cache_slots(layout, core::default_row_cache_bytes) == 2);
    CHECK(core::row_cache_slots(layout, 2 * row_bytes) == 2);
    CHECK(core::row_cache_slots(layout, 2 * row_bytes - 1) == 1);
    CHECK(core::row_cache_slots(layout, 0) == 1);
}
