// A weight or bias as a layer file stores it (shape and values), and the checks that turn a weight,
// an optional bias and a group count into a core::ConvLayer: the rules every layer format shares.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/layer/conv_layer.hpp"

namespace tconv::io {

/// The most weights a layer may hold (8 bytes each in memory) and the most channels on either side.
inline constexpr std::uint64_t max_layer_weights = std::uint64_t{1} << 26;
inline constexpr std::int64_t max_layer_channels = 65536;

/// A tensor read from a file: its shape and its values in row-major (C) order.
struct LayerTensor {
    std::vector<std::int64_t> shape;
    std::vector<double> values;
};

/// The product of `shape`, or nullopt when a side is negative or the product exceeds `limit`
/// (checked before multiplying, so it never overflows).
std::optional<std::uint64_t> element_count(std::span<const std::int64_t> shape, std::uint64_t limit);

/// "(3, 3, 4, 4)": a shape as PyTorch prints it.
std::string shape_text(std::span<const std::int64_t> shape);

/// The layer of `weight` (shape (C_in, C_out / groups, kH, kW)), `bias` (shape (C_out,), or none) and
/// `groups` (>= 1, or 0: none given, so 1). Throws IoError(weight_file or bias_file, reason) when the
/// weight is not 4-D, a side is 0, C_in is not a multiple of groups, a side exceeds the caps, the bias
/// has another length (naming the groups it would fit, when none were given), or a value is one a
/// float32 cannot hold (NaN, infinite, or finite beyond +-FLT_MAX).
core::ConvLayer assemble_layer(const LayerTensor& weight, const std::string& weight_file, const std::optional<LayerTensor>& bias,
                               const std::string& bias_file, int groups);

/// "3 -> 3, 4x4, groups 1, bias": what a layer is, for descriptions.
std::string layer_summary(const core::ConvLayer& layer);

}  // namespace tconv::io
