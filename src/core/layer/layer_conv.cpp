// LayerConvolver: each output row is, per output channel and column phase, one layer_sum over (input
// channel, row tap, column tap) of padded input rows, spread to every stride-th column. Padded rows are
// made on demand into a small per-call cache (slot = row mod cached rows), so no padded copy of the
// whole input is ever made.
#include "core/layer/layer_conv.hpp"

#include <algorithm>
#include <array>

#include "core/image/quantise_doubles.hpp"
#include "core/layer/layer_sums.hpp"
#include "core/schedule/row_bands.hpp"

namespace tconv::core {
namespace {

/// One call's padded input rows: for each input channel, `slots` rows of padded_width samples.
class PaddedRowCache {
public:
    PaddedRowCache(const RealImage& in, const PhaseLayout& layout, std::int64_t slots)
        : in_(in),
          layout_(layout),
          slots_(slots),
          rows_(static_cast<std::size_t>(in.channels * slots * layout.padded_width), 0.0),
          held_(static_cast<std::size_t>(in.channels * slots), -1) {}

    /// Input row i (0 <= i < in.size.h) of channel c between its pads; index pad_left is column 0.
    const double* row(int c, std::int64_t i) {
        const auto slot = static_cast<std::size_t>(c * slots_ + i % slots_);
        double* r = rows_.data() + slot * static_cast<std::size_t>(layout_.padded_width);
        if (held_[slot] != i) {
            const double* src = in_.values.data() + static_cast<std::size_t>(i * in_.size.w * in_.channels + c);
            double* dst = r + layout_.pad_left;
            for (std::int64_t j = 0; j < in_.size.w; ++j) dst[j] = src[j * in_.channels];
            layout_.fill_edge_pixels(r);
            held_[slot] = i;
        }
        return r;
    }

private:
    const RealImage& in_;
    const PhaseLayout& layout_;
    std::int64_t slots_;
    std::vector<double> rows_;
    std::vector<std::int64_t> held_;  ///< the input row each slot holds, -1 for none
};

}  // namespace

LayerConvolver::LayerConvolver(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan)
    : in_(in), layer_(layer), plan_(plan), layout_(plan.shape, 1) {
    // The most distinct slots one output row needs: the span of its input rows (edge modes map
    // positions outside the input back inside, never farther apart than the positions themselves).
    for (std::int64_t y = 0; y < plan.shape.rows.out; ++y) {
        std::int64_t lo = INT64_MAX, hi = INT64_MIN;
        layout_.rows.taps_at(y, [&](std::int64_t i, std::int64_t) {
            lo = std::min(lo, i);
            hi = std::max(hi, i);
        });
        if (lo <= hi) cached_rows_ = std::max(cached_rows_, hi - lo + 1);
    }
}

void LayerConvolver::rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) const {
    const std::int64_t out_w = plan_.shape.cols.out;
    const int in_per_group = layer_.in_channels / layer_.groups;
    const int out_per_group = layer_.out_channels / layer_.groups;
    const std::int64_t col_stride = layout_.cols.stride();
    PaddedRowCache cache(in_, layout_, cached_rows_);
    std::vector<LayerTerm> terms;
    std::vector<double> weights;     // max_layer_outputs per term, in term order
    std::vector<PhaseTap> row_taps;  // (input row, kernel row) of the output row
    const auto phase_len = static_cast<std::size_t>(layout_.max_phase_count);
    std::vector<double> sums(phase_len * max_layer_outputs);
    std::vector<double> samples(static_cast<std::size_t>(layer_.out_channels * out_w));
    std::array<double, max_layer_outputs> starts{};
    for (std::int64_t y = y0; y < y1; ++y) {
        row_taps.clear();
        layout_.rows.taps_at(y, [&](std::int64_t i, std::int64_t a) { row_taps.push_back({i, a}); });
        // The output channels of a group in blocks that share one pass over the input rows.
        for (int co0 = 0, block = 0; co0 < layer_.out_channels; co0 += block) {
            const int g = co0 / out_per_group;
            block = std::min(max_layer_outputs, (g + 1) * out_per_group - co0);
            for (int k = 0; k < block; ++k)
                starts[static_cast<std::size_t>(k)] = layer_.bias.empty() ? 0.0 : layer_.bias[static_cast<std::size_t>(co0 + k)];
            for (const AxisPhase& ph : layout_.cols.phases()) {
                weights.clear();
                std::size_t kept = 0;
                for (int ci = g * in_per_group; ci < (g + 1) * in_per_group; ++ci)
                    for (const PhaseTap& r : row_taps)
                        for (const PhaseTap& c : ph.taps) {
                            bool any = false;
                            for (int k = 0; k < block; ++k) {
                                const double w = layer_.at(ci, co0 - g * out_per_group + k, r.tap, c.tap);
                                weights.push_back(w);
                                any = any || w != 0.0;
                            }
                            // A term whose weights are all zero adds exact zeros: skipping it changes no sum.
                            if (!any) {
                                weights.resize(weights.size() - static_cast<std::size_t>(block));
                                continue;
                            }
                            ++kept;
                            terms.resize(kept);
                            terms[kept - 1].row = cache.row(ci, r.first_input) + layout_.pad_left + c.first_input;
                        }
                terms.resize(kept);
                for (std::size_t t = 0; t < kept; ++t) terms[t].weights = weights.data() + t * static_cast<std::size_t>(block);
                const auto n = static_cast<std::size_t>(ph.count);
                double* out_row = samples.data() + co0 * out_w;
                if (col_stride == 1) {
                    layer_sums(block, starts.data(), terms, out_row, static_cast<std::size_t>(out_w), n);
                    continue;
                }
                layer_sums(block, starts.data(), terms, sums.data(), phase_len, n);
                for (int k = 0; k < block; ++k) {
                    const double* src = sums.data() + static_cast<std::size_t>(k) * phase_len;
                    double* dst = out_row + k * out_w + ph.first_out;
                    for (std::size_t q = 0; q < n; ++q) dst[static_cast<std::int64_t>(q) * col_stride] = src[q];
                }
            }
        }
        if (layer_.activation != Activation::Linear)
            for (std::int64_t x = 0; x < out_w; ++x)
                activate_pixel(layer_.activation, samples.data() + x, layer_.out_channels, out_w);
        sink(y, samples);
    }
}

namespace {

/// Unmaps `n` samples by `range` in place.
void unmap_samples(double* s, std::int64_t n, SampleRange range, double sample_max) {
    for (std::int64_t i = 0; i < n; ++i) s[i] = unmap_sample(s[i], range, sample_max);
}

}  // namespace

void conv_layer_rows(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan, SampleRange range, double sample_max,
                     int threads, const InterleavedRowSink& sink) {
    const LayerConvolver convolver(in, layer, plan);
    const Extent2 size = convolver.out();
    const int ch = layer.out_channels;
    run_row_bands(size.h, threads, [&](std::int64_t y0, std::int64_t y1) {
        std::vector<double> row(static_cast<std::size_t>(size.w * ch));
        convolver.rows(y0, y1, [&](std::int64_t y, std::span<const double> samples) {
            for (int c = 0; c < ch; ++c)
                for (std::int64_t x = 0; x < size.w; ++x)
                    row[static_cast<std::size_t>(x * ch + c)] = samples[static_cast<std::size_t>(c * size.w + x)];
            if (range != SampleRange::Samples) unmap_samples(row.data(), size.w * ch, range, sample_max);
            sink(y, row);
        });
    });
}

RealImage conv_layer(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan, int threads) {
    const Extent2 size = plan.shape.out();
    const int ch = layer.out_channels;
    RealImage out{size, ch, std::vector<double>(static_cast<std::size_t>(size.h * size.w * ch))};
    conv_layer_rows(in, layer, plan, SampleRange::Samples, 0.0, threads, [&](std::int64_t y, std::span<const double> row) {
        std::copy(row.begin(), row.end(), out.values.begin() + static_cast<std::ptrdiff_t>(y * size.w * ch));
    });
    return out;
}

Image conv_layer_image(const RealImage& in, const ConvLayer& layer, const LayerPlan& plan, SampleRange range, double sample_max,
                       int threads) {
    const LayerConvolver convolver(in, layer, plan);
    const Extent2 size = convolver.out();
    const int ch = layer.out_channels;
    Image out = unwritten_image(size, ch);
    run_row_bands(size.h, threads, [&](std::int64_t y0, std::int64_t y1) {
        std::vector<double> unmapped(range == SampleRange::Samples ? 0 : static_cast<std::size_t>(size.w * ch));
        std::vector<std::uint8_t> planar(static_cast<std::size_t>(size.w * ch));
        convolver.rows(y0, y1, [&](std::int64_t y, std::span<const double> samples) {
            const double* values = samples.data();
            if (range != SampleRange::Samples) {
                std::copy(samples.begin(), samples.end(), unmapped.begin());
                unmap_samples(unmapped.data(), size.w * ch, range, sample_max);
                values = unmapped.data();
            }
            quantise_doubles(values, planar.data(), planar.size());
            interleave_channels(planar.data(), ch, size.w, out.pixels.data() + static_cast<std::size_t>(y * size.w * ch));
        });
    });
    return out;
}

}  // namespace tconv::core
