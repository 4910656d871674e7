// DoubleColumns: each tap of a phase added straight into every stride-th output pixel.
#include "core/conv/strategies/double_columns.hpp"

#include <cstring>

namespace tconv::core {
namespace {

/// dst[q * stride] += src[q] * w for the `count` pixels of one phase tap, `Channels` samples each.
template <int Channels>
void add_tap(const double* __restrict src, double w, std::int64_t count, std::int64_t stride, double* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] += src[q * Channels + c] * w;
}

}  // namespace

const double* DoubleColumns::padded_row(std::int64_t input_row, Scratch& scratch) const {
    if (scratch.padded_input != input_row) {
        const std::size_t n = layout_.in_row_len();
        double* dst = scratch.padded.data() + layout_.pad_left * layout_.channels;
        const std::uint8_t* src = in_.row(input_row);
        if (in_.depth == 16) {
            for (std::size_t i = 0; i < n; ++i) {
                std::uint16_t v = 0;
                std::memcpy(&v, src + 2 * i, 2);
                dst[i] = v;
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) dst[i] = src[i];
        }
        layout_.fill_edge_pixels(scratch.padded.data());
        scratch.padded_input = input_row;
    }
    return scratch.padded.data();
}

template <class Weight>
void DoubleColumns::add_filtered(const double* padded, const Weight* weights, double* dst) const {
    const int ch = layout_.channels;
    const std::int64_t stride = layout_.cols.stride();
    for (const AxisPhase& ph : layout_.cols.phases())
        for (const PhaseTap& t : ph.taps) {
            const auto w = static_cast<double>(weights[t.tap]);
            if (w == 0.0) continue;
            const double* src = padded + (t.first_input + layout_.pad_left) * ch;
            double* first = dst + ph.first_out * ch;
            switch (ch) {
                case 1: add_tap<1>(src, w, ph.count, stride, first); break;
                case 2: add_tap<2>(src, w, ph.count, stride, first); break;
                case 3: add_tap<3>(src, w, ph.count, stride, first); break;
                default: add_tap<4>(src, w, ph.count, stride, first); break;
            }
        }
}

template void DoubleColumns::add_filtered(const double*, const float*, double*) const;
template void DoubleColumns::add_filtered(const double*, const double*, double*) const;

}  // namespace tconv::core
