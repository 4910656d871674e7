// The slow twin of conv_layer: the literal scatter, written for clarity, never for speed. Edge modes
// are literal too: the input is first extended by the mode, far enough that every output sample sees
// all of its taps, and the extended input is scattered with zeros beyond it.
#include <vector>

#include "core/layer_conv.hpp"

namespace tconv::core {
namespace {

/// The axis of an input extended by `extra` positions on each side, cut to the same output window.
AxisShape extended_axis(const AxisShape& a, std::int64_t extra) {
    AxisShape e = a;
    e.in = a.in + 2 * extra;
    e.full = (e.in - 1) * e.stride + e.k_eff;
    e.crop_begin = a.crop_begin + extra * a.stride;
    e.output_padding = 0;
    e.crop_end = e.full - e.crop_begin - e.out;
    return e;
}

/// Positions an output can reach beyond the input: (k_eff + output padding) / stride, plus margin.
std::int64_t reach(const AxisShape& a) { return (a.k_eff + a.output_padding) / a.stride + 2; }

}  // namespace

FeatureMap conv_layer_scatter(const FeatureMap& in, const ConvLayer& layer, const LayerPlan& plan) {
    if (plan.shape.edge != EdgeMode::Zero) {
        const std::int64_t ey = reach(plan.shape.rows), ex = reach(plan.shape.cols);
        FeatureMap extended = zero_feature_map(in.channels, {in.size.h + 2 * ey, in.size.w + 2 * ex});
        for (int c = 0; c < in.channels; ++c)
            for (std::int64_t y = 0; y < extended.size.h; ++y)
                for (std::int64_t x = 0; x < extended.size.w; ++x)
                    extended.plane(c)[y * extended.size.w + x] = in.at(c, edge_source(y - ey, in.size.h, plan.shape.edge),
                                                                       edge_source(x - ex, in.size.w, plan.shape.edge));
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
                                in.at(ci, i, j) * layer.at(ci, k, a, b);
                        }
        }
    FeatureMap out = zero_feature_map(layer.out_channels, plan.shape.out());
    for (int co = 0; co < layer.out_channels; ++co)
        for (std::int64_t y = 0; y < r.out; ++y)
            for (std::int64_t x = 0; x < c.out; ++x) {
                const std::int64_t fy = y + r.crop_begin;
                const std::int64_t fx = x + c.crop_begin;
                // Output padding past the full buffer holds zeros; the bias is added everywhere.
                const double sum =
                    fy < r.full && fx < c.full ? full[static_cast<std::size_t>((co * r.full + fy) * c.full + fx)] : 0.0;
                out.plane(co)[y * c.out + x] = sum + (layer.bias.empty() ? 0.0 : layer.bias[static_cast<std::size_t>(co)]);
            }
    return out;
}

}  // namespace tconv::core
