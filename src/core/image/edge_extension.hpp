// The literal twins' edge modes: the input extended by enough positions that every output sees all of
// its taps, then scattered with zeros beyond it, cut to the same window.
#pragma once
#include <cstdint>

#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// Positions an output of axis `a` can reach beyond the input: (k_eff + output padding) / stride, plus margin.
inline std::int64_t edge_reach(const AxisShape& a) { return (a.k_eff + a.output_padding) / a.stride + 2; }

/// The axis of an input extended by `extra` positions on each side, cut to the same output window.
inline AxisShape extended_axis(const AxisShape& a, std::int64_t extra) {
    AxisShape e = a;
    e.in = a.in + 2 * extra;
    e.full = (e.in - 1) * e.stride + e.k_eff;
    e.crop_begin = a.crop_begin + extra * a.stride;
    e.output_padding = 0;
    e.crop_end = e.full - e.crop_begin - e.out;
    return e;
}

}  // namespace tconv::core
