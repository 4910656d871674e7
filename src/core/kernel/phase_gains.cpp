// Phase gains: the taps summed per phase; the table and the summary both read that one list.
#include "core/kernel/phase_gains.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"

namespace tconv::core {

namespace {

/// One axis of the taps' phases: the phases reached, ascending, and where each tap's phase is among
/// them. Tap a's phase a * dilation % stride repeats with a period of stride / gcd(dilation, stride),
/// so only the taps of one period are sorted and looked up.
struct AxisPhaseIndex {
    std::vector<std::int64_t> reached;
    std::vector<std::size_t> of_period;  ///< for taps 0 .. period-1 (or all taps, if fewer)
    std::size_t of_tap(std::int64_t a) const { return of_period[static_cast<std::size_t>(a) % of_period.size()]; }
};

AxisPhaseIndex axis_phase_index(std::int64_t taps, std::int64_t stride, std::int64_t dilation) {
    const std::int64_t period = std::min(taps, stride / std::gcd(dilation, stride));
    AxisPhaseIndex axis;
    for (std::int64_t a = 0; a < period; ++a) axis.reached.push_back(a * dilation % stride);
    std::sort(axis.reached.begin(), axis.reached.end());
    for (std::int64_t a = 0; a < period; ++a)
        axis.of_period.push_back(static_cast<std::size_t>(
            std::lower_bound(axis.reached.begin(), axis.reached.end(), a * dilation % stride) - axis.reached.begin()));
    return axis;
}

}  // namespace

std::vector<PhaseGain> reached_phase_gains(const Kernel& kernel, Extent2 stride, Extent2 dilation) {
    // A phase (ph, pw) is reached exactly when some row tap reaches ph and some column tap pw, so the
    // reached phases are the product of the axes' own; each sums its taps in kernel order.
    const AxisPhaseIndex rows = axis_phase_index(kernel.size.h, stride.h, dilation.h);
    const AxisPhaseIndex cols = axis_phase_index(kernel.size.w, stride.w, dilation.w);
    std::vector<double> gains(rows.reached.size() * cols.reached.size(), 0.0);
    for (std::int64_t a = 0; a < kernel.size.h; ++a) {
        double* row = gains.data() + rows.of_tap(a) * cols.reached.size();
        for (std::int64_t b = 0; b < kernel.size.w; ++b) row[cols.of_tap(b)] += kernel.at(a, b);
    }
    std::vector<PhaseGain> phases;
    phases.reserve(gains.size());
    for (std::size_t r = 0; r < rows.reached.size(); ++r)
        for (std::size_t c = 0; c < cols.reached.size(); ++c)
            phases.push_back({{rows.reached[r], cols.reached[c]}, gains[r * cols.reached.size() + c]});
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
