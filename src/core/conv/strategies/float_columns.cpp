// FloatColumns: weighted sums per phase into a contiguous buffer, then spread to every stride-th pixel
// (with stride 1 the one phase is the row itself, summed in place).
#include "core/conv/strategies/float_columns.hpp"

#include <algorithm>

#include "core/image/widen_row.hpp"

namespace tconv::core {
namespace {

/// Adds the `count` pixels of one phase (contiguous in `sums`) into every `stride`-th pixel of `dst`.
template <int Channels>
void add_phase(const float* __restrict sums, std::int64_t count, std::int64_t stride, float* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] += sums[q * Channels + c];
}

/// Stores the `count` pixels of one phase (contiguous in `sums`) as every `stride`-th pixel of `dst`.
template <int Channels>
void store_phase(const float* __restrict sums, std::int64_t count, std::int64_t stride, float* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] = sums[q * Channels + c];
}

template <int Channels>
void spread_phase(bool add, const float* sums, std::int64_t count, std::int64_t stride, float* dst) {
    if (add)
        add_phase<Channels>(sums, count, stride, dst);
    else
        store_phase<Channels>(sums, count, stride, dst);
}

}  // namespace

FloatColumns::Scratch FloatColumns::scratch() const {
    Scratch s;
    s.padded.assign(layout_.padded_row_len(), 0.0f);
    s.phase_sums.resize(static_cast<std::size_t>(layout_.max_phase_count * layout_.channels));
    return s;
}

const float* FloatColumns::padded_row(std::int64_t input_row, Scratch& scratch) const {
    if (scratch.padded_input != input_row) {
        const std::size_t n = layout_.in_row_len();
        widen_row(in_.row(input_row), scratch.padded.data() + layout_.pad_left * layout_.channels, n);
        layout_.fill_edge_pixels(scratch.padded.data());
        scratch.padded_input = input_row;
    }
    return scratch.padded.data();
}

void FloatColumns::filter(const float* padded, const float* weights, float* dst, Write write, Scratch& scratch) const {
    const int ch = layout_.channels;
    const std::int64_t stride = layout_.cols.stride();
    const bool add = write == Write::Add;
    for (const AxisPhase& ph : layout_.cols.phases()) {
        const auto n = static_cast<std::size_t>(ph.count * ch);
        float* first = dst + ph.first_out * ch;
        auto& terms = scratch.terms;
        terms.clear();
        // With stride 1 the one phase is the row itself: an added sum starts from what it holds.
        if (add && stride == 1) terms.push_back({first, 1.0f});
        for (const PhaseTap& t : ph.taps) {
            const float w = weights[t.tap];
            if (w != 0.0f) terms.push_back({padded + (t.first_input + layout_.pad_left) * ch, w});
        }
        if (stride == 1) {
            if (!terms.empty())
                weighted_sum(terms, first, n);
            else if (!add)
                std::fill(first, first + n, 0.0f);
            continue;
        }
        if (terms.empty()) {
            if (add) continue;
            std::fill_n(scratch.phase_sums.begin(), n, 0.0f);
        } else {
            weighted_sum(terms, scratch.phase_sums.data(), n);
        }
        const float* sums = scratch.phase_sums.data();
        switch (ch) {
            case 1: spread_phase<1>(add, sums, ph.count, stride, first); break;
            case 2: spread_phase<2>(add, sums, ph.count, stride, first); break;
            case 3: spread_phase<3>(add, sums, ph.count, stride, first); break;
            default: spread_phase<4>(add, sums, ph.count, stride, first); break;
        }
    }
}

}  // namespace tconv::core
