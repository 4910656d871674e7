// The slow twin of conv_layer: the literal scatter (literal_scatter.hpp) of every input channel through
// each of its weight planes into the output channels of its group, then the bias and the activation,
// written for clarity, never for speed.
#include <vector>

#include "core/conv/literal_scatter.hpp"
#include "core/layer/layer_conv.hpp"

namespace tconv::core {

RealImage conv_layer_scatter(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan) {
    const int in_per_group = layer.in_channels / layer.groups;
    const int out_per_group = layer.out_channels / layer.groups;
    const int ch = layer.out_channels;
    const Extent2 size = plan.shape.out();
    RealImage out{size, ch, std::vector<double>(static_cast<std::size_t>(size.h * size.w * ch), 0.0)};
    // Output channel co gets its input channels in order, each one's sum whole before the next.
    for (int ci = 0; ci < layer.in_channels; ++ci)
        for (int k = 0; k < out_per_group; ++k) {
            const int co = ci / in_per_group * out_per_group + k;
            scatter_plane(
                plan.shape, [&](std::int64_t i, std::int64_t j) { return in.at(i, j, ci); },
                [&](std::int64_t a, std::int64_t b) { return layer.at(ci, k, a, b); }, out.values.data() + co,
                static_cast<std::size_t>(ch));
        }
    // The bias is added everywhere, output padding past the full buffer included.
    for (std::size_t p = 0; p < out.values.size(); p += static_cast<std::size_t>(ch)) {
        if (!layer.bias.empty())
            for (int co = 0; co < ch; ++co)
                out.values[p + static_cast<std::size_t>(co)] += layer.bias[static_cast<std::size_t>(co)];
        activate_pixel(layer.activation, out.values.data() + p, ch, 1);
    }
    return out;
}

}  // namespace tconv::core
