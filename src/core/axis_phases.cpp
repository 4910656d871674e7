// AxisPhases: each phase's taps found once, from the first output of the phase.
#include "core/axis_phases.hpp"

#include <algorithm>

namespace tconv::core {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0); }

}  // namespace

AxisPhases::AxisPhases(const AxisShape& axis, EdgeMode edge) : stride_(axis.stride), inputs_(axis.in), edge_(edge) {
    // The first min(stride, out) outputs have distinct phases; output o + stride has o's taps one
    // input further on.
    const std::int64_t n = std::min(axis.stride, axis.out);
    phases_.reserve(static_cast<std::size_t>(n));
    for (std::int64_t o = 0; o < n; ++o) {
        const std::int64_t f = o + axis.crop_begin;
        AxisPhase ph;
        ph.first_out = o;
        ph.count = (axis.out - 1 - o) / axis.stride + 1;
        for (std::int64_t t = 0; t < axis.kernel; ++t) {
            const std::int64_t rest = f - t * axis.dilation;
            const std::int64_t i = floor_div(rest, axis.stride);
            if (i * axis.stride != rest) continue;
            const bool only_zeros = i + ph.count - 1 < 0 || i >= axis.in;  // for every output of the phase
            if (only_zeros && edge == EdgeMode::Zero) continue;
            ph.taps.push_back({i, t});
        }
        phases_.push_back(std::move(ph));
    }
}

}  // namespace tconv::core
