// The plan of one trained layer on one input: the validated output geometry, the channel counts and
// the work, fixed before any sample is computed (and printed by --verbose).
#pragma once
#include <cstdint>

#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/layer/conv_layer.hpp"

namespace tconv::core {

struct LayerPlan {
    OutputShape shape;
    int in_channels = 0;
    int out_channels = 0;
    int groups = 1;
    Extent2 kernel{};
    bool bias = false;
    /// The multiply-adds of the definition: input pixels x in_channels x out_channels/groups x kernel
    /// taps (each input sample meets every tap of every output channel of its group). Saturating.
    std::int64_t multiply_adds = 0;
};

/// Plans `layer` (already validated) on an input of `in` pixels with `channels` channels under
/// `geometry`, whose kernel size must be the layer's. Throws InvalidParams when channels is not the
/// layer's in_channels (naming both counts), the kernel sizes differ, or plan_output_shape throws.
LayerPlan plan_layer(Extent2 in, int channels, const ConvLayer& layer, const Geometry& geometry);

}  // namespace tconv::core
