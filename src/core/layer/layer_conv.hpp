// A trained layer's transposed convolution (PyTorch F.conv_transpose2d with channel mixing, groups and
// bias) in double: a fast path over stride phases and row bands, and the literal scatter beside it.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/conv/phase_layout.hpp"
#include "core/conv/real_conv.hpp"
#include "core/image/image.hpp"
#include "core/image/sample_range.hpp"
#include "core/layer/conv_layer.hpp"
#include "core/layer/layer_plan.hpp"

namespace tconv::core {

/// Computes the output rows of `layer` on `in` (its channels the layer's input channels): output
/// (y, x, co) = bias[co] + sum over the input channels ci of co's group, kernel taps (a, b) and inputs
/// (i, j) with i*stride + a*dilation - crop_begin = y (rows; columns alike) of
/// in(i, j, ci) * weight[ci][co mod (C_out/groups)][a][b],
/// over the plan's window (zeros past the full buffer, plus the bias), then layer.activation; positions outside the input
/// read what plan.shape.edge puts there. Each sample is one sum in a fixed order, so any split of
/// the rows over threads gives the same bits. Keeps references to its arguments.
class LayerConvolver {
public:
    /// `plan` must come from plan_layer(in.size, in.channels, layer, geometry).
    LayerConvolver(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan);

    Extent2 out() const { return plan_.shape.out(); }
    int channels() const { return layer_.out_channels; }

    /// What rows() hands over for each output row y: out_channels rows of out().w samples, channel
    /// after channel, valid until the call returns.
    using RowSink = std::function<void(std::int64_t y, std::span<const double> samples)>;

    /// Computes output rows [y0, y1) in order and gives each to `sink`. Safe to call from several
    /// threads at once (each call has its own buffers). Throws only std::bad_alloc.
    void rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) const;

private:
    const RealImage& in_;
    const ConvLayer& layer_;
    LayerPlan plan_;
    PhaseLayout layout_;
    std::int64_t cached_rows_ = 1;  ///< padded input rows per channel that one output row may need at once
};

/// One output row y: out().w pixels of out_channels interleaved values, valid until the call returns.
using InterleavedRowSink = std::function<void(std::int64_t y, std::span<const double> values)>;

/// The whole output, each value unmapped by `range` (sample_max its maximum), given to `sink` row by
/// row as it is computed in `threads` (>= 1) row bands: the rows of different bands come from their
/// own threads at once, so nothing need hold the whole output but what `sink` keeps.
void conv_layer_rows(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan, SampleRange range, double sample_max,
                     int threads, const InterleavedRowSink& sink);

/// The whole output (out_channels interleaved), computed in `threads` (>= 1) row bands.
RealImage conv_layer(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan, int threads);

/// The whole output as an image of out_channels (1 to 4) interleaved channels: each sample unmapped
/// by `range` (sample_max its maximum) and quantised (clamped to [0, 255], rounded half away from
/// zero), computed in `threads` (>= 1) row bands.
Image conv_layer_image(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan, SampleRange range, double sample_max,
                       int threads);

/// The slow twin of LayerConvolver: the literal scatter (literal_scatter.hpp) of every input channel
/// through each of its weight planes into the window of its output channels, channel after channel,
/// then the bias added and the activation applied, in double. An edge mode other than zero extends the
/// input first. For tests only.
RealImage conv_layer_scatter(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan);

}  // namespace tconv::core
