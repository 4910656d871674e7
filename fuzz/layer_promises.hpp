// What every loaded layer promises, for the layer loaders' fuzz targets: its weight and bias sizes
// match its channels, groups and kernel. A broken promise aborts (a finding).
#pragma once
#include <cstddef>
#include <cstdlib>

#include "core/layer/conv_layer.hpp"

inline void check_layer_promises(const tconv::core::ConvLayer& layer) {
    if (layer.groups < 1 || layer.in_channels % layer.groups != 0 || layer.out_channels % layer.groups != 0) std::abort();
    const auto expected = static_cast<std::size_t>(layer.in_channels) *
                          static_cast<std::size_t>(layer.out_channels / layer.groups) * static_cast<std::size_t>(layer.kernel.h) *
                          static_cast<std::size_t>(layer.kernel.w);
    if (layer.weight.size() != expected) std::abort();
    if (!layer.bias.empty() && layer.bias.size() != static_cast<std::size_t>(layer.out_channels)) std::abort();
}
