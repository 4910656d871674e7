// Phase gains: the taps sorted by phase and summed per phase; the table and the summary both read
// that one list.
#include "core/phase_gains.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/checked_math.hpp"
#include "core/errors.hpp"

namespace tconv::core {

std::vector<PhaseGain> reached_phase_gains(const Kernel& kernel, Extent2 stride, Extent2 dilation) {
    std::vector<PhaseGain> taps;
    taps.reserve(kernel.weights.size());
    for (std::int64_t a = 0; a < kernel.size.h; ++a)
        for (std::int64_t b = 0; b < kernel.size.w; ++b)
            taps.push_back({{a * dilation.h % stride.h, b * dilation.w % stride.w}, kernel.at(a, b)});
    auto phase_order = [](const PhaseGain& x, const PhaseGain& y) {
        return x.phase.h != y.phase.h ? x.phase.h < y.phase.h : x.phase.w < y.phase.w;
    };
    // Stable, so each phase's taps are summed in kernel order whatever the sort does.
    std::stable_sort(taps.begin(), taps.end(), phase_order);
    std::vector<PhaseGain> phases;
    for (const PhaseGain& t : taps) {
        if (!phases.empty() && phases.back().phase == t.phase)
            phases.back().gain += t.gain;
        else
            phases.push_back(t);
    }
    return phases;
}

PhaseGainTable phase_gain_table(const Kernel& kernel, Extent2 stride, Extent2 dilation) {
    if (stride.h > max_gain_table_phases / stride.w)
        throw InvalidParams("a stride of more than " + std::to_string(max_gain_table_phases) +
                            " phases has no printable gain table");
    PhaseGainTable table{stride, std::vector<double>(static_cast<std::size_t>(stride.h * stride.w), 0.0)};
    for (const PhaseGain& p : reached_phase_gains(kernel, stride, dilation))
        table.gains[static_cast<std::size_t>(p.phase.h * stride.w + p.phase.w)] = p.gain;
    return table;
}

std::optional<double> GainSummary::score() const {
    if (zero_phases > 0 || mixed_signs) return std::nullopt;
    // One sign: the largest magnitude over the smallest, whichever that sign is.
    const double a = std::abs(min), b = std::abs(max);
    return std::max(a, b) / std::min(a, b);
}

GainSummary gain_summary(const Kernel& kernel, Extent2 stride, Extent2 dilation) {
    const std::vector<PhaseGain> reached = reached_phase_gains(kernel, stride, dilation);
    GainSummary s;
    s.phases = checked_mul(stride.h, stride.w);
    s.zero_phases = s.phases - static_cast<std::int64_t>(reached.size());
    double sum = 0.0;
    bool any_negative = false, any_positive = false;
    s.min = s.zero_phases > 0 ? 0.0 : reached.front().gain;
    s.max = s.min;
    for (const PhaseGain& p : reached) {
        sum += p.gain;
        s.min = std::min(s.min, p.gain);
        s.max = std::max(s.max, p.gain);
        if (p.gain == 0.0) ++s.zero_phases;
        any_negative = any_negative || p.gain < 0.0;
        any_positive = any_positive || p.gain > 0.0;
    }
    s.mixed_signs = any_negative && any_positive;
    s.mean = sum / static_cast<double>(s.phases);
    return s;
}

}  // namespace tconv::core
