// plan_layer: the channel check naming both counts, the kernel check, the shape and the work count.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/layer/layer_plan.hpp"

namespace {

using namespace tconv;

core::ConvLayer layer_3to4_g1_k4x3() { return core::ConvLayer{3, 4, 1, {4, 3}, std::vector<double>(3 * 4 * 4 * 3, 1.0), {}}; }

}  // namespace

TEST_CASE("plan_layer plans the shape and counts the multiply-adds", "[core][layer]") {
    core::Geometry g;
    g.kernel = {4, 3};
    g.stride = {2, 3};
    g.padding = {core::PaddingMode::Explicit, 1, 0, 1, 0};
    const core::LayerPlan p = core::plan_layer({5, 7}, 3, layer_3to4_g1_k4x3(), g);
    CHECK(p.shape.out() == core::Extent2{(5 - 1) * 2 - 2 + 4, (7 - 1) * 3 + 3});
    CHECK(p.in_channels == 3);
    CHECK(p.out_channels == 4);
    CHECK_FALSE(p.bias);
    CHECK(p.multiply_adds == 5 * 7 * 3 * 4 * 4 * 3);
    core::ConvLayer grouped{4, 6, 2, {4, 3}, std::vector<double>(4 * 3 * 12, 1.0), std::vector<double>(6, 0.0)};
    const core::LayerPlan q = core::plan_layer({5, 7}, 4, grouped, g);
    CHECK(q.multiply_adds == 5 * 7 * 4 * 3 * 4 * 3);
    CHECK(q.bias);
}

TEST_CASE("plan_layer refuses an input whose channels are not the layer's C_in", "[core][layer]") {
    core::Geometry g;
    g.kernel = {4, 3};
    CHECK_THROWS_WITH(core::plan_layer({5, 7}, 1, layer_3to4_g1_k4x3(), g),
                      "the input has 1 channel, the layer takes 3 (its C_in)");
    CHECK_THROWS_WITH(core::plan_layer({5, 7}, 4, layer_3to4_g1_k4x3(), g),
                      "the input has 4 channels, the layer takes 3 (its C_in)");
    g.kernel = {3, 3};
    CHECK_THROWS_WITH(core::plan_layer({5, 7}, 3, layer_3to4_g1_k4x3(), g), "the geometry's kernel 3x3 is not the layer's 4x3");
}
