// ColumnFilter: a phase's taps summed into a contiguous buffer, then spread to every stride-th pixel
// (with stride 1 the one phase is the row itself, summed in place).
//
// The order of additions is the one thing the two accumulators do differently, when a phase is added
// to a row that already holds sums at a stride above 1: double adds each tap to the running output in
// turn, PyTorch's order (col2im adds one kernel tap at a time); float sums the phase's taps first and
// adds that. Each keeps the bytes its strategies have always written. Only a sum within a rounding
// error of a half can tell the orders apart, and the goldens allow one unit there.
#include "core/conv/strategies/column_filter.hpp"

#include <algorithm>
#include <type_traits>

#include "core/image/widen_row.hpp"

namespace tconv::core {
namespace {

/// Adds the `count` pixels of one phase (contiguous in `sums`) into every `stride`-th pixel of `dst`.
template <int Channels, class Acc>
void add_phase(const Acc* __restrict sums, std::int64_t count, std::int64_t stride, Acc* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] += sums[q * Channels + c];
}

/// Stores the `count` pixels of one phase (contiguous in `sums`) as every `stride`-th pixel of `dst`.
template <int Channels, class Acc>
void store_phase(const Acc* __restrict sums, std::int64_t count, std::int64_t stride, Acc* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] = sums[q * Channels + c];
}

/// Gathers every `stride`-th pixel of `src`, `count` of them, into `sums` (contiguous).
template <int Channels, class Acc>
void gather_phase(const Acc* __restrict src, std::int64_t count, std::int64_t stride, Acc* __restrict sums) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) sums[q * Channels + c] = src[q * step + c];
}

enum class Spread { Add, Store, Gather };

template <int Channels, class Acc>
void spread(Spread how, Acc* sums, std::int64_t count, std::int64_t stride, Acc* row) {
    switch (how) {
        case Spread::Add: return add_phase<Channels>(sums, count, stride, row);
        case Spread::Store: return store_phase<Channels>(sums, count, stride, row);
        case Spread::Gather: return gather_phase<Channels>(row, count, stride, sums);
    }
}

template <class Acc>
void spread(int channels, Spread how, Acc* sums, std::int64_t count, std::int64_t stride, Acc* row) {
    switch (channels) {
        case 1: return spread<1>(how, sums, count, stride, row);
        case 2: return spread<2>(how, sums, count, stride, row);
        case 3: return spread<3>(how, sums, count, stride, row);
        default: return spread<4>(how, sums, count, stride, row);
    }
}

}  // namespace

template <class Acc>
typename ColumnFilter<Acc>::Scratch ColumnFilter<Acc>::scratch() const {
    Scratch s;
    s.padded.assign(layout_.padded_row_len(), Acc(0));
    s.phase_sums.resize(static_cast<std::size_t>(layout_.max_phase_count * layout_.channels));
    return s;
}

template <class Acc>
const Acc* ColumnFilter<Acc>::padded_row(std::int64_t input_row, Scratch& scratch) const {
    if (scratch.padded_input != input_row) {
        widen_row(in_.row(input_row), scratch.padded.data() + layout_.pad_left * layout_.channels, layout_.in_row_len(),
                  in_.depth);
        layout_.fill_edge_pixels(scratch.padded.data());
        scratch.padded_input = input_row;
    }
    return scratch.padded.data();
}

template <class Acc>
void ColumnFilter<Acc>::filter(const Acc* padded, const Acc* weights, Acc* dst, Write write, Scratch& scratch) const {
    constexpr bool add_tap_by_tap = std::is_same_v<Acc, double>;
    const int ch = layout_.channels;
    const std::int64_t stride = layout_.cols.stride();
    const bool add = write == Write::Add;
    Acc* phase = scratch.phase_sums.data();
    for (const AxisPhase& ph : layout_.cols.phases()) {
        const auto n = static_cast<std::size_t>(ph.count * ch);
        Acc* first = dst + ph.first_out * ch;
        // With stride 1 the one phase is the row itself: an added sum starts from what it holds.
        Acc* target = stride == 1 ? first : phase;
        const bool from_output = add && (stride == 1 || add_tap_by_tap);
        auto& terms = scratch.terms;
        terms.clear();
        if (from_output) terms.push_back({target, Acc(1)});
        for (const PhaseTap& t : ph.taps) {
            const Acc w = weights[t.tap];
            if (w != Acc(0)) terms.push_back({padded + (t.first_input + layout_.pad_left) * ch, w});
        }
        if (terms.size() == (from_output ? 1u : 0u)) {  // no tap reaches this phase
            if (add) continue;
            if (stride == 1) {
                std::fill(first, first + n, Acc(0));
                continue;
            }
            std::fill_n(phase, n, Acc(0));
            spread(ch, Spread::Store, phase, ph.count, stride, first);
            continue;
        }
        if (from_output && stride != 1) spread(ch, Spread::Gather, phase, ph.count, stride, first);
        weighted_sum(terms, target, n);
        if (stride != 1) spread(ch, from_output || !add ? Spread::Store : Spread::Add, phase, ph.count, stride, first);
    }
}

template class ColumnFilter<float>;
template class ColumnFilter<double>;

}  // namespace tconv::core
