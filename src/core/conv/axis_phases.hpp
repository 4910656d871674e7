// The stride-phase arithmetic of one axis, in one place: output indices o, o + stride, o + 2*stride,
// ... see the same kernel taps at consecutive input indices, so the fast paths loop over a phase with
// no division and no search.
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/edge_mode.hpp"
#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// One kernel tap of one stride phase: the phase's q-th output reads input first_input + q (which
/// may lie outside the input, where the values are zeros) times kernel tap `tap`.
struct PhaseTap {
    std::int64_t first_input = 0;
    std::int64_t tap = 0;  ///< kernel row or column
};

/// The outputs first_out, first_out + stride, ... (count of them) of one stride phase.
struct AxisPhase {
    std::int64_t first_out = 0;
    std::int64_t count = 0;
    /// In tap order. With zero edges only the taps that reach the input for some output of the phase;
    /// with the other edge modes every tap, since the input extends everywhere.
    std::vector<PhaseTap> taps;
};

/// The stride phases of one axis: output o belongs to phase o mod stride, and input position i meets
/// tap t there when i*stride + t*dilation == o + crop_begin (the full-buffer index of o); a position
/// outside the input reads what `edge` puts there.
class AxisPhases {
public:
    AxisPhases(const AxisShape& axis, EdgeMode edge);

    /// min(stride, out) phases; phase p holds the outputs o with o mod stride == p.
    const std::vector<AxisPhase>& phases() const { return phases_; }
    const AxisPhase& phase_of(std::int64_t o) const { return phases_[static_cast<std::size_t>(o % stride_)]; }
    std::int64_t stride() const { return stride_; }
    std::int64_t inputs() const { return inputs_; }

    EdgeMode edge() const { return edge_; }

    /// Calls f(input, tap) for each tap of output o (0 <= o < out) that reads an input (the position's
    /// edge_source; zeros are skipped), in tap order.
    template <class F>
    void taps_at(std::int64_t o, F&& f) const {
        const AxisPhase& ph = phase_of(o);
        const std::int64_t step = (o - ph.first_out) / stride_;
        for (const PhaseTap& t : ph.taps) {
            const std::int64_t i = edge_source(t.first_input + step, inputs_, edge_);
            if (i >= 0) f(i, t.tap);
        }
    }

private:
    std::vector<AxisPhase> phases_;
    std::int64_t stride_ = 1;
    std::int64_t inputs_ = 0;
    EdgeMode edge_ = EdgeMode::Zero;
};

}  // namespace tconv::core
