// The slow twin of conv_layer: the literal scatter, written for clarity, never for speed. Edge modes
// are literal too: the input is first extended by the mode, far enough that every output sample sees
// all of its taps, and the extended input is scattered with zeros beyond it.
#include <vector>

#include "core/image/edge_extension.hpp"
#include "core/layer/layer_conv.hpp"

namespace tconv::core {

RealImage conv_layer_scatter(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan) {
    if (plan.shape.edge != EdgeMode::Zero) {
        const std::int64_t ey = edge_reach(plan.shape.rows), ex = edge_reach(plan.shape.cols);
        const Extent2 size{in.size.h + 2 * ey, in.size.w + 2 * ex};
        RealImage extended{size, in.channels, std::vector<double>(static_cast<std::size_t>(size.h * size.w * in.channels))};
        for (std::int64_t y = 0; y < size.h; ++y)
            for (std::int64_t x = 0; x < size.w; ++x)
                for (int k = 0; k < in.channels; ++k)
                    extended.values[static_cast<std::size_t>((y * size.w + x) * in.channels + k)] = in.at(
                        edge_source(y - ey, in.size.h, plan.shape.edge), edge_source(x - ex, in.size.w, plan.shape.edge), k);
        LayerPlan zero_edges = plan;
        zero_edges.shape = OutputShape{extended_axis(plan.shape.rows, ey), extended_axis(plan.shape.cols, ex), EdgeMode::Zero};
        return conv_layer_scatter(extended, layer, zero_edges);
    }
    const AxisShape& r = plan.shape.rows;
    const AxisShape& c = plan.shape.cols;
    const int in_per_group = layer.in_channels / layer.groups;
    const int out_per_group = layer.out_channels / layer.groups;
    std::vector<double> full(static_cast<std::size_t>(layer.out_channels * r.full * c.full), 0.0);
    for (int ci = 0; ci < layer.in_channels; ++ci)
        for (int k = 0; k < out_per_group; ++k) {
            const int co = ci / in_per_group * out_per_group + k;
            for (std::int64_t i = 0; i < in.size.h; ++i)
                for (std::int64_t j = 0; j < in.size.w; ++j)
                    for (std::int64_t a = 0; a < layer.kernel.h; ++a)
                        for (std::int64_t b = 0; b < layer.kernel.w; ++b) {
                            const std::int64_t y = i * r.stride + a * r.dilation;
                            const std::int64_t x = j * c.stride + b * c.dilation;
                            full[static_cast<std::size_t>((co * r.full + y) * c.full + x)] +=
                                in.at(i, j, ci) * layer.at(ci, k, a, b);
                        }
        }
    const int ch = layer.out_channels;
    RealImage out{plan.shape.out(), ch, std::vector<double>(static_cast<std::size_t>(r.out * c.out * ch))};
    for (int co = 0; co < layer.out_channels; ++co)
        for (std::int64_t y = 0; y < r.out; ++y)
            for (std::int64_t x = 0; x < c.out; ++x) {
                const std::int64_t fy = y + r.crop_begin;
                const std::int64_t fx = x + c.crop_begin;
                // Output padding past the full buffer holds zeros; the bias is added everywhere.
                const double sum =
                    fy < r.full && fx < c.full ? full[static_cast<std::size_t>((co * r.full + fy) * c.full + fx)] : 0.0;
                out.values[static_cast<std::size_t>((y * c.out + x) * ch + co)] =
                    sum + (layer.bias.empty() ? 0.0 : layer.bias[static_cast<std::size_t>(co)]);
            }
    for (std::size_t p = 0; p < out.values.size(); p += static_cast<std::size_t>(ch))
        activate_pixel(layer.activation, out.values.data() + p, ch, 1);
    return out;
}

}  // namespace tconv::core
