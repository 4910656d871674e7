// validate_conv_layer: each rule with the numbers that broke it in its message.
#include "core/layer/conv_layer_check.hpp"

#include <cmath>
#include <string>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"

namespace tconv::core {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

}  // namespace

void validate_conv_layer(const ConvLayer& l) {
    if (l.in_channels < 1) throw InvalidParams("the layer's input channels must be >= 1, got " + num(l.in_channels));
    if (l.out_channels < 1) throw InvalidParams("the layer's output channels must be >= 1, got " + num(l.out_channels));
    if (l.groups < 1) throw InvalidParams("groups must be >= 1, got " + num(l.groups));
    if (l.kernel.h < 1 || l.kernel.w < 1)
        throw InvalidParams("the layer's kernel must be at least 1x1, got " + num(l.kernel.h) + "x" + num(l.kernel.w));
    if (l.in_channels % l.groups != 0)
        throw InvalidParams("groups " + num(l.groups) + " does not divide the " + num(l.in_channels) + " input channels");
    if (l.out_channels % l.groups != 0)
        throw InvalidParams("groups " + num(l.groups) + " does not divide the " + num(l.out_channels) + " output channels");
    const std::int64_t per_group = l.out_channels / l.groups;
    const std::int64_t expected =
        saturating_mul(saturating_mul(l.in_channels, per_group), saturating_mul(l.kernel.h, l.kernel.w));
    if (static_cast<std::int64_t>(l.weight.size()) != expected)
        throw InvalidParams("the weight has " + num(static_cast<std::int64_t>(l.weight.size())) + " values, but shape (" +
                            num(l.in_channels) + ", " + num(per_group) + ", " + num(l.kernel.h) + ", " + num(l.kernel.w) +
                            ") (C_in, C_out/groups, kH, kW) needs " + num(expected));
    if (!l.bias.empty() && static_cast<std::int64_t>(l.bias.size()) != l.out_channels)
        throw InvalidParams("the bias has " + num(static_cast<std::int64_t>(l.bias.size())) + " values, the layer has " +
                            num(l.out_channels) + " output channels");
    const std::int64_t taps = l.kernel.h * l.kernel.w;
    for (std::size_t i = 0; i < l.weight.size(); ++i)
        if (!std::isfinite(l.weight[i])) {
            const auto n = static_cast<std::int64_t>(i);
            throw InvalidParams("weight[" + num(n / (per_group * taps)) + "][" + num(n / taps % per_group) + "][" +
                                num(n % taps / l.kernel.w) + "][" + num(n % l.kernel.w) + "] is not finite");
        }
    for (std::size_t i = 0; i < l.bias.size(); ++i)
        if (!std::isfinite(l.bias[i])) throw InvalidParams("bias[" + num(static_cast<std::int64_t>(i)) + "] is not finite");
}

}  // namespace tconv::core
