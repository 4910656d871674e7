// The stride-phase arithmetic of one axis, in one place: output indices o, o + stride, o + 2*stride,
// ... see the same kernel taps at consecutive input indices, so the fast paths loop over a phase with
// no division and no search.
#pragma once
#include <cstdint>
#include <vector>

#include "core/output_shape.hpp"

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
    std::vector<PhaseTap> taps;  ///< in tap order; only taps that reach the input for some output of the phase
};

/// The stride phases of one axis: output o belongs to phase o mod stride, and input i meets tap t
/// there when i*stride + t*dilation == o + crop_begin (the full-buffer index of o).
class AxisPhases {
public:
    explicit AxisPhases(const AxisShape& axis);

    /// min(stride, out) phases; phase p holds the outputs o with o mod stride == p.
    const std::vector<AxisPhase>& phases() const { return phases_; }
    const AxisPhase& phase_of(std::int64_t o) const { return phases_[static_cast<std::size_t>(o % stride_)]; }
    std::int64_t stride() const { return stride_; }
    std::int64_t inputs() const { return inputs_; }

    /// Calls f(input, tap) for each tap of output o (0 <= o < out) whose input lies inside 0..in-1,
    /// in tap order.
    template <class F>
    void taps_at(std::int64_t o, F&& f) const {
        const AxisPhase& ph = phase_of(o);
        const std::int64_t step = (o - ph.first_out) / stride_;
        for (const PhaseTap& t : ph.taps) {
            const std::int64_t i = t.first_input + step;
            if (i >= 0 && i < inputs_) f(i, t.tap);
        }
    }

private:
    std::vector<AxisPhase> phases_;
    std::int64_t stride_ = 1;
    std::int64_t inputs_ = 0;
};

}  // namespace tconv::core
