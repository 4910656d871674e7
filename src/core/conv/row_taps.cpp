// row_taps over AxisPhases::taps_at.
#include "core/conv/row_taps.hpp"

#include <algorithm>

namespace tconv::core {

void row_taps(const AxisPhases& rows, std::int64_t y, std::span<const float> col_factors, std::vector<RowTap>& taps) {
    taps.clear();
    rows.taps_at(y, [&](std::int64_t input, std::int64_t tap) {
        if (col_factors.empty()) {
            taps.push_back({input, tap, 0.0f});
            return;
        }
        const float w = col_factors[static_cast<std::size_t>(tap)];
        if (w != 0.0f) taps.push_back({input, 0, w});
    });
}

std::pair<std::int64_t, std::int64_t> input_reach(const AxisPhases& rows, std::int64_t y0, std::int64_t y1) {
    std::int64_t first = rows.inputs(), end = 0;
    for (std::int64_t y = y0; y < y1; ++y)
        rows.taps_at(y, [&](std::int64_t input, std::int64_t) {
            first = std::min(first, input);
            end = std::max(end, input + 1);
        });
    return first < end ? std::pair(first, end) : std::pair(end, end);
}

std::int64_t input_span(std::span<const RowTap> taps) {
    const auto [lo, hi] =
        std::minmax_element(taps.begin(), taps.end(), [](const RowTap& a, const RowTap& b) { return a.input < b.input; });
    return hi->input - lo->input;
}

}  // namespace tconv::core
