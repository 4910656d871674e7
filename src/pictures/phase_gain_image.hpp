// The phase gains drawn over an output: each output pixel the grey of its stride phase's gain, so a
// checkerboard shows as one and an even kernel as a flat grey.
#pragma once
#include "core/geometry/extent.hpp"
#include "core/image/image.hpp"
#include "core/kernel/phase_gains.hpp"

namespace tconv::pictures {

/// A grey image of `size`: pixel (y, x) is round(255 * max(g, 0) / G) with g = table.at((y +
/// phase_begin.h) mod stride.h, (x + phase_begin.w) mod stride.w) and G the largest gain (all 0 when
/// no gain is above 0). `phase_begin` is the full-buffer position of output (0, 0): the output crop
/// at the start (AxisShape::crop_begin), since a phase is (o + crop_begin) mod stride.
core::Image phase_gain_image(const core::PhaseGainTable& table, core::Extent2 size, core::Extent2 phase_begin);

}  // namespace tconv::pictures
