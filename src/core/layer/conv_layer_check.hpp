// The checks a trained layer must pass before it is planned: channel counts that the groups divide,
// a weight and bias of the sizes its shape implies, finite values.
#pragma once
#include "core/layer/conv_layer.hpp"

namespace tconv::core {

/// Throws InvalidParams (one printable line) unless in_channels, out_channels, groups and both kernel
/// sizes are >= 1, groups divides in_channels and out_channels, weight holds exactly in_channels x
/// out_channels/groups x kernel.h x kernel.w values, bias is empty or holds out_channels values, and
/// every value is finite (the message names the first one that is not, by its PyTorch index).
void validate_conv_layer(const ConvLayer& layer);

}  // namespace tconv::core
