// plan_layer: the channel check, the output shape, and the work count.
#include "core/layer/layer_plan.hpp"

#include <string>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"

namespace tconv::core {

LayerPlan plan_layer(Extent2 in, int channels, const ConvLayer& layer, const Geometry& geometry) {
    if (channels != layer.in_channels)
        throw InvalidParams("the input has " + std::to_string(channels) + " channel" + (channels == 1 ? "" : "s") +
                            ", the layer takes " + std::to_string(layer.in_channels) + " (its C_in)");
    if (geometry.kernel != layer.kernel)
        throw InvalidParams("the geometry's kernel " + std::to_string(geometry.kernel.h) + "x" +
                            std::to_string(geometry.kernel.w) + " is not the layer's " + std::to_string(layer.kernel.h) + "x" +
                            std::to_string(layer.kernel.w));
    LayerPlan p;
    p.shape = plan_output_shape(in, geometry);
    p.in_channels = layer.in_channels;
    p.out_channels = layer.out_channels;
    p.groups = layer.groups;
    p.kernel = layer.kernel;
    p.bias = !layer.bias.empty();
    p.multiply_adds =
        saturating_mul(saturating_mul(saturating_mul(in.h, in.w), layer.in_channels),
                       saturating_mul(layer.out_channels / layer.groups, saturating_mul(layer.kernel.h, layer.kernel.w)));
    return p;
}

}  // namespace tconv::core
