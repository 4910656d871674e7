// Overlap counts per axis by direct enumeration of the taps, and the interior phase counts.
#include "core/overlap_map.hpp"

#include <algorithm>

namespace tconv::core {

CountRange interior_overlap(std::int64_t kernel, std::int64_t stride, std::int64_t dilation) {
    std::vector<std::int64_t> phases;
    phases.reserve(static_cast<std::size_t>(kernel));
    for (std::int64_t a = 0; a < kernel; ++a) phases.push_back(a * dilation % stride);
    std::sort(phases.begin(), phases.end());
    CountRange r{kernel, 0};
    std::int64_t distinct = 0;
    for (std::size_t i = 0; i < phases.size();) {
        std::size_t j = i;
        while (j < phases.size() && phases[j] == phases[i]) ++j;
        const auto n = static_cast<std::int64_t>(j - i);
        r.min = std::min(r.min, n);
        r.max = std::max(r.max, n);
        ++distinct;
        i = j;
    }
    if (distinct < stride) r.min = 0;  // some phase is reached by no tap at all
    return r;
}

AxisOverlap axis_overlap(const AxisShape& a) {
    AxisOverlap o;
    o.counts.assign(static_cast<std::size_t>(a.out), 0);
    for (std::int64_t i = 0; i < a.in; ++i)
        for (std::int64_t k = 0; k < a.kernel; ++k) {
            const std::int64_t out_index = i * a.stride + k * a.dilation - a.crop_begin;
            if (out_index >= 0 && out_index < a.out) ++o.counts[static_cast<std::size_t>(out_index)];
        }
    const auto [lo, hi] = std::minmax_element(o.counts.begin(), o.counts.end());
    o.over_output = {*lo, *hi};
    o.interior = interior_overlap(a.kernel, a.stride, a.dilation);
    return o;
}

OverlapMap overlap_map(const OutputShape& shape) { return {axis_overlap(shape.rows), axis_overlap(shape.cols)}; }

}  // namespace tconv::core
