// validate_conv_layer: a good layer passes; each broken rule is refused with the numbers in its message.
#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/layer/conv_layer_check.hpp"

namespace {

using namespace tconv;

/// 4 -> 6 in 2 groups, 3x2 kernel, with bias: weight (4, 3, 3, 2).
core::ConvLayer good_layer() {
    core::ConvLayer l{4, 6, 2, {3, 2}, std::vector<double>(4 * 3 * 3 * 2, 0.5), std::vector<double>(6, 1.0)};
    return l;
}

std::string refusal(const core::ConvLayer& l) {
    try {
        core::validate_conv_layer(l);
    } catch (const core::InvalidParams& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("validate_conv_layer accepts a consistent layer with or without bias", "[core][layer]") {
    core::ConvLayer l = good_layer();
    CHECK_NOTHROW(core::validate_conv_layer(l));
    l.bias.clear();
    CHECK_NOTHROW(core::validate_conv_layer(l));
}

TEST_CASE("validate_conv_layer refuses each broken rule with its numbers", "[core][layer]") {
    core::ConvLayer l = good_layer();
    l.groups = 3;
    CHECK(refusal(l) == "groups 3 does not divide the 4 input channels");
    l = good_layer();
    l.in_channels = 2;
    l.out_channels = 5;
    l.groups = 2;
    CHECK(refusal(l) == "groups 2 does not divide the 5 output channels");
    l = good_layer();
    l.groups = 0;
    CHECK(refusal(l) == "groups must be >= 1, got 0");
    l = good_layer();
    l.in_channels = 0;
    CHECK(refusal(l) == "the layer's input channels must be >= 1, got 0");
    l = good_layer();
    l.kernel = {0, 2};
    CHECK(refusal(l) == "the layer's kernel must be at least 1x1, got 0x2");
    l = good_layer();
    l.weight.pop_back();
    CHECK(refusal(l) == "the weight has 71 values, but shape (4, 3, 3, 2) (C_in, C_out/groups, kH, kW) needs 72");
    l = good_layer();
    l.bias.push_back(0);
    CHECK(refusal(l) == "the bias has 7 values, the layer has 6 output channels");
}

TEST_CASE("validate_conv_layer names the first value that is not finite by its index", "[core][layer]") {
    core::ConvLayer l = good_layer();
    // weight[2][1][2][0]: ((2 * 3 + 1) * 3 + 2) * 2 + 0 = 46.
    l.weight[46] = std::numeric_limits<double>::quiet_NaN();
    l.weight[50] = std::numeric_limits<double>::infinity();
    CHECK(refusal(l) == "weight[2][1][2][0] is not finite");
    l = good_layer();
    l.bias[4] = -std::numeric_limits<double>::infinity();
    CHECK(refusal(l) == "bias[4] is not finite");
}
