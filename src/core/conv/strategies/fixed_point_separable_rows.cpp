// FixedPointSeparableRows: each input row filtered once per column phase in 16-bit lanes, the phases
// interleaved into an output-width row, and output rows summed and rounded by fixed_point_row.
#include "core/conv/strategies/fixed_point_separable_rows.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tconv::core {
namespace {

/// The largest sum of the factors that one value adds up, over the phases of one axis.
double largest_phase_sum(const AxisPhases& phases, std::span<const float> factors) {
    double largest = 0;
    for (const AxisPhase& ph : phases.phases()) {
        double sum = 0;
        for (const PhaseTap& t : ph.taps) sum += static_cast<double>(factors[static_cast<std::size_t>(t.tap)]);
        largest = std::max(largest, sum);
    }
    return largest;
}

/// The widest input_span of any output row: nonzero factors of one row phase at their first inputs.
std::int64_t widest_row_span(const AxisPhases& rows, std::span<const float> col_factors) {
    std::int64_t widest = 0;
    for (const AxisPhase& ph : rows.phases()) {
        std::vector<RowTap> taps;
        for (const PhaseTap& t : ph.taps)
            if (col_factors[static_cast<std::size_t>(t.tap)] != 0.0f) taps.push_back({t.first_input, 0, 1.0f});
        if (!taps.empty()) widest = std::max(widest, input_span(taps));
    }
    return widest;
}

/// interleave's loops for `Ch` channels: pixel q of phase p goes to output pixel q * stride + p, one
/// 8-byte move each (Ch <= 4 samples of 2 bytes), in increasing output order, so that the bytes a move
/// writes past its pixel are written again by the next pixel (or land in the slack after the row).
template <int Ch>
void interleave_phases(const std::uint16_t* phases, std::size_t phase_len, const std::vector<AxisPhase>& axis_phases,
                       std::size_t stride, std::size_t common, std::uint16_t* row) {
    constexpr std::size_t pixel = Ch;
    const std::size_t phase_count = axis_phases.size();  // below the stride when the row is shorter
    if (stride == 2 && phase_count == 2) {               // the usual upsampling by two: both phases in one pass
        const std::uint16_t* a = phases;
        const std::uint16_t* b = phases + phase_len;
        for (std::size_t q = 0; q < common; ++q) {
            std::memcpy(row + 2 * q * pixel, a + q * pixel, 8);
            std::memcpy(row + (2 * q + 1) * pixel, b + q * pixel, 8);
        }
    } else {
        for (std::size_t q = 0; q < common; ++q)
            for (std::size_t p = 0; p < phase_count; ++p)
                std::memcpy(row + (q * stride + p) * pixel, phases + p * phase_len + q * pixel, 8);
    }
    for (std::size_t p = 0; p < phase_count; ++p)
        for (std::size_t q = common; q < static_cast<std::size_t>(axis_phases[p].count); ++q)
            std::memcpy(row + (q * stride + p) * pixel, phases + p * phase_len + q * pixel, pixel * sizeof(std::uint16_t));
}

}  // namespace

std::optional<FixedPointSeparableRows> FixedPointSeparableRows::plan(const InputRows& in, const PhaseLayout& layout,
                                                                     const RankOneSplit& split, std::int64_t cache_slots,
                                                                     std::string& why) {
    auto fixed = fixed_point_factors(split.col, split.row, largest_phase_sum(layout.cols, split.row),
                                     largest_phase_sum(layout.rows, split.col));
    if (!fixed) {
        why = "no 16-bit form (a factor negative or not a multiple of 2^-15, or sums reaching 2^16)";
        return std::nullopt;
    }
    if (widest_row_span(layout.rows, split.col) >= cache_slots) {
        why = "the filtered rows of one output row exceed the row cache";
        return std::nullopt;
    }
    why = "dyadic factors, sums below 2^16";
    return FixedPointSeparableRows(in, layout, split.col, std::move(*fixed), cache_slots);
}

std::size_t FixedPointSeparableRows::phase_len() const {
    return static_cast<std::size_t>(layout_->max_phase_count * layout_->channels) + interleave_slack;
}

FixedPointSeparableRows::Scratch FixedPointSeparableRows::scratch() const {
    return Scratch{FilteredRowCache<std::uint16_t>(cache_slots_, layout_->out_row_len() + interleave_slack),
                   std::vector<std::uint8_t>(layout_->padded_row_len(), 0),
                   std::vector<std::uint16_t>(layout_->cols.phases().size() * phase_len()),
                   {},
                   {}};
}

void FixedPointSeparableRows::filter_row(std::int64_t input_row, Scratch& s, std::uint16_t* row) const {
    const PhaseLayout& l = *layout_;
    const int ch = l.channels;
    // The input row between its pads, in 8 bits: the filter widens it as it reads.
    const std::size_t in_len = l.in_row_len();
    std::memcpy(s.padded.data() + l.pad_left * ch, in_.row(input_row), in_len);
    l.fill_edge_pixels(s.padded.data());
    const bool one_phase = l.cols.stride() == 1;
    const auto& phases = l.cols.phases();
    for (std::size_t p = 0; p < phases.size(); ++p) {
        const AxisPhase& ph = phases[p];
        const auto n = static_cast<std::size_t>(ph.count * ch);
        s.column_terms.clear();
        for (const PhaseTap& t : ph.taps) {
            const std::uint16_t r = fixed_.row[static_cast<std::size_t>(t.tap)];
            if (r != 0) s.column_terms.push_back({s.padded.data() + (t.first_input + l.pad_left) * ch, r});
        }
        // With stride 1 the one phase is the row; otherwise the phases are interleaved below.
        std::uint16_t* sums = one_phase ? row : s.phases.data() + p * phase_len();
        if (s.column_terms.empty())
            std::fill(sums, sums + n, std::uint16_t{0});
        else
            fixed_point_filter(s.column_terms, sums, n);
    }
    if (!one_phase) interleave(s.phases.data(), row);
}

void FixedPointSeparableRows::interleave(const std::uint16_t* phases, std::uint16_t* row) const {
    const auto& axis_phases = layout_->cols.phases();
    std::int64_t common = layout_->max_phase_count;  // pixels every phase has
    for (const AxisPhase& ph : axis_phases) common = std::min(common, ph.count);
    const auto stride = static_cast<std::size_t>(layout_->cols.stride());
    const auto q = static_cast<std::size_t>(common);
    const std::size_t len = phase_len();
    switch (layout_->channels) {
        case 1: return interleave_phases<1>(phases, len, axis_phases, stride, q, row);
        case 2: return interleave_phases<2>(phases, len, axis_phases, stride, q, row);
        case 3: return interleave_phases<3>(phases, len, axis_phases, stride, q, row);
        default: return interleave_phases<4>(phases, len, axis_phases, stride, q, row);
    }
}

void FixedPointSeparableRows::row(std::int64_t, std::span<const RowTap> taps, Scratch& s, std::uint8_t* out) const {
    s.row_terms.clear();
    for (const RowTap& t : taps) {
        const std::uint16_t* filtered = s.filtered.row(t.input, [&](std::uint16_t* dst) { filter_row(t.input, s, dst); });
        s.row_terms.push_back({filtered, static_cast<std::uint16_t>(std::ldexp(t.weight, fixed_.col_shift))});
    }
    fixed_point_row(s.row_terms, fixed_.row_shift + fixed_.col_shift, out, layout_->out_row_len());
}

}  // namespace tconv::core
