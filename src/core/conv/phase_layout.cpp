// PhaseLayout: the padding is what the column phases' first and last taps reach past the input.
#include "core/conv/phase_layout.hpp"

#include <algorithm>

namespace tconv::core {

PhaseLayout::PhaseLayout(const OutputShape& s, int ch) : shape(s), channels(ch), rows(s.rows, s.edge), cols(s.cols, s.edge) {
    std::int64_t pad_right = 0;
    for (const AxisPhase& ph : cols.phases()) {
        max_phase_count = std::max(max_phase_count, ph.count);
        for (const PhaseTap& t : ph.taps) {
            pad_left = std::max(pad_left, -t.first_input);
            pad_right = std::max(pad_right, t.first_input + ph.count - s.cols.in);
        }
    }
    padded_width = pad_left + s.cols.in + pad_right;
    if (s.edge == EdgeMode::Zero) return;
    for (std::int64_t p = 0; p < padded_width; ++p) {
        const std::int64_t position = p - pad_left;
        if (position < 0 || position >= s.cols.in) edge_pixels.push_back({p, edge_source(position, s.cols.in, s.edge)});
    }
}

}  // namespace tconv::core
