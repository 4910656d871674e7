// Overlap and gain wording: the ratio kernel/stride, the interior count range, and what the phase
// gains do to a flat image.
#include "cli/report/overlap_report.hpp"

#include <fmt/format.h>

#include "cli/report/diagnostics.hpp"
#include "cli/report/extent_text.hpp"

namespace tconv::cli {
namespace {

/// Why there is no score, or empty when there is one.
std::string no_score_reason(const core::GainSummary& s) {
    if (s.zero_phases > 0) return fmt::format("{} of {} stride phases get no weight", s.zero_phases, s.phases);
    if (s.mixed_signs) return "gains of both signs";
    return {};
}

}  // namespace

std::string overlap_ratio(std::int64_t kernel, std::int64_t stride, std::int64_t dilation) {
    const std::int64_t k_eff = dilation * (kernel - 1) + 1;
    const double ratio = static_cast<double>(k_eff) / static_cast<double>(stride);
    if (dilation == 1) return fmt::format("kernel {} / stride {} = {:g}", kernel, stride, ratio);
    return fmt::format("effective kernel {} (dilation {}) / stride {} = {:g}", k_eff, dilation, stride, ratio);
}

std::vector<std::string> phase_gain_warnings(const core::Kernel& kernel, const core::Geometry& g) {
    const core::GainSummary s = core::gain_summary(kernel, g.stride, g.dilation);
    const std::optional<double> score = s.score();
    const std::string period = extent_text(g.stride);
    std::vector<std::string> lines;
    if (s.zero_phases > 0)
        lines.push_back(
            warning_line(fmt::format("checkerboard: phase gains {:.3g} to {:.3g}: {}, so a flat image comes out "
                                     "black there, in stripes or dots repeating every {} pixels (HxW)",
                                     s.min, s.max, no_score_reason(s), period)));
    else if (s.mixed_signs)
        lines.push_back(
            warning_line(fmt::format("checkerboard: phase gains {:.3g} to {:.3g}, of both signs: a flat image "
                                     "comes out in a pattern repeating every {} pixels (HxW)",
                                     s.min, s.max, period)));
    else if (*score > max_even_gain_ratio)
        lines.push_back(
            warning_line(fmt::format("checkerboard: phase gains {:.3g} to {:.3g} (max/min {:.3g}): a flat image "
                                     "comes out in a pattern repeating every {} pixels (HxW)",
                                     s.min, s.max, *score, period)));
    if (s.mean < min_plain_gain || s.mean > max_plain_gain)
        lines.push_back(
            warning_line(fmt::format("brightness: the output is on average {:.3g}x as bright as the input "
                                     "(the kernel sums to {:g} over a {} stride)",
                                     s.mean, s.mean * static_cast<double>(s.phases), period)));
    return lines;
}

std::string score_text(const core::GainSummary& s) {
    if (const std::optional<double> score = s.score()) return fmt::format("{:g}", *score);
    return "none: " + no_score_reason(s);
}

std::string axis_overlap_line(const char* axis, const char* unit, const core::AxisShape& shape, const core::AxisOverlap& o) {
    return fmt::format("{}: {}: {}; {} to {} input {}s per output {} away from the borders, {} to {} over all {} {}s", axis,
                       overlap_ratio(shape.kernel, shape.stride, shape.dilation),
                       o.interior.min == o.interior.max ? "even" : "uneven", o.interior.min, o.interior.max, unit, unit,
                       o.over_output.min, o.over_output.max, shape.out, unit);
}

}  // namespace tconv::cli
