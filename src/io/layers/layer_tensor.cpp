// Weight and bias tensors into a ConvLayer, refusing what PyTorch's ConvTranspose2d could not hold.
#include "io/layers/layer_tensor.hpp"

#include <cfloat>
#include <charconv>
#include <cmath>

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

/// The index of the first value a float32 cannot hold (NaN, infinite, or beyond +-FLT_MAX), or -1.
/// The layers are PyTorch's float32 ones and tconv writes their outputs as float32: a finite double
/// of 1e300 would only become inf there.
std::int64_t first_not_float(const std::vector<double>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!(std::abs(values[i]) <= FLT_MAX)) return static_cast<std::int64_t>(i);
    return -1;
}

/// "the weight's element 3 is inf", or "... is 1e+300, beyond float32's range" for a finite value.
std::string not_float_reason(const std::string& what, const std::vector<double>& values, std::int64_t at) {
    const double v = values[static_cast<std::size_t>(at)];
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, v);
    return what + "'s element " + std::to_string(at) + " is " + std::string(text, static_cast<std::size_t>(end - text)) +
           (std::isfinite(v) ? ", beyond float32's range" : "");
}

}  // namespace

std::optional<std::uint64_t> element_count(std::span<const std::int64_t> shape, std::uint64_t limit) {
    for (const std::int64_t side : shape)
        if (side < 0) return std::nullopt;
    for (const std::int64_t side : shape)
        if (side == 0) return 0;
    std::uint64_t count = 1;
    for (const std::int64_t side : shape) {
        if (count > limit / static_cast<std::uint64_t>(side)) return std::nullopt;
        count *= static_cast<std::uint64_t>(side);
    }
    return count;
}

std::string shape_text(std::span<const std::int64_t> shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

namespace {

/// "; with groups 3 the weight (3, 2, 2, 2) has 6 output channels: give --groups 3" when a bias of
/// another length fits the weight under other groups, as a grouped layer's does (the weight holds
/// C_out/groups channels, so a file read without its groups has fewer outputs), else "".
std::string groups_hint(const std::vector<std::int64_t>& weight, const std::vector<std::int64_t>& bias) {
    if (bias.size() != 1 || bias[0] % weight[1] != 0) return "";
    const std::int64_t fitting = bias[0] / weight[1];
    if (fitting <= 1 || weight[0] % fitting != 0) return "";
    return "; with groups " + std::to_string(fitting) + " the weight " + shape_text(weight) + " has " + std::to_string(bias[0]) +
           " output channels: give --groups " + std::to_string(fitting);
}

}  // namespace

core::ConvLayer assemble_layer(const LayerTensor& weight, const std::string& weight_file, const std::optional<LayerTensor>& bias,
                               const std::string& bias_file, int groups_given) {
    const int groups = groups_given == 0 ? 1 : groups_given;
    const auto& s = weight.shape;
    if (s.size() != 4) throw IoError(weight_file, "the weight has shape " + shape_text(s) + ", not (C_in, C_out/groups, kH, kW)");
    for (const std::int64_t side : s)
        if (side < 1) throw IoError(weight_file, "the weight has shape " + shape_text(s) + ", with a side of 0");
    if (groups < 1) throw IoError(weight_file, "groups " + std::to_string(groups) + " is not at least 1");
    if (s[0] % groups != 0)
        throw IoError(weight_file, "the weight's " + std::to_string(s[0]) + " input channels are not a multiple of groups " +
                                       std::to_string(groups));
    if (s[0] > max_layer_channels || s[1] > max_layer_channels / groups)
        throw IoError(weight_file, "the weight has shape " + shape_text(s) + ": more than " + std::to_string(max_layer_channels) +
                                       " channels");
    const std::int64_t out_channels = s[1] * groups;
    if (const std::int64_t at = first_not_float(weight.values); at >= 0)
        throw IoError(weight_file, not_float_reason("the weight", weight.values, at));
    core::ConvLayer layer;
    layer.in_channels = static_cast<int>(s[0]);
    layer.out_channels = static_cast<int>(out_channels);
    layer.groups = groups;
    layer.kernel = {s[2], s[3]};
    layer.weight = weight.values;
    if (bias) {
        if (bias->shape.size() != 1 || bias->shape[0] != out_channels)
            throw IoError(bias_file, "the bias has shape " + shape_text(bias->shape) + ", not (" + std::to_string(out_channels) +
                                         ",) for the weight's " + std::to_string(out_channels) + " output channels" +
                                         (groups_given == 0 ? groups_hint(s, bias->shape) : ""));
        if (const std::int64_t at = first_not_float(bias->values); at >= 0)
            throw IoError(bias_file, not_float_reason("the bias", bias->values, at));
        layer.bias = bias->values;
    }
    return layer;
}

std::string layer_summary(const core::ConvLayer& layer) {
    return std::to_string(layer.in_channels) + " -> " + std::to_string(layer.out_channels) + ", " +
           std::to_string(layer.kernel.h) + "x" + std::to_string(layer.kernel.w) + ", groups " + std::to_string(layer.groups) +
           (layer.bias.empty() ? ", no bias" : ", bias");
}

}  // namespace tconv::io
