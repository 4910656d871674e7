// How tconv words overlap and phase gains (the checkerboard of Odena, Dumoulin & Olah): the main
// job's warnings and the lines of `tconv overlap`.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"
#include "core/kernel/overlap_map.hpp"
#include "core/kernel/phase_gains.hpp"

namespace tconv::cli {

/// "kernel 3 / stride 2 = 1.5", or with dilation "effective kernel 5 (dilation 2) / stride 2 = 2.5".
std::string overlap_ratio(std::int64_t kernel, std::int64_t stride, std::int64_t dilation);

/// Phase gains further apart than this ratio (max/min) are a checkerboard: on a flat white image the
/// phases then differ by more than one level in 255.
inline constexpr double max_even_gain_ratio = 1.0 + 1.0 / 255.0;

/// A mean gain outside [min_plain_gain, max_plain_gain] makes the output visibly darker or brighter
/// than the input: more than an exposure tweak. The article's stripes (mean 9/16) stay inside.
inline constexpr double min_plain_gain = 0.5;
inline constexpr double max_plain_gain = 2.0;

/// The main job's warnings about `kernel` under `geometry`'s stride and dilation, at most two lines:
/// "tconv: warning: checkerboard: phase gains 1 to 4 (max/min 4): ..." when the score is empty or
/// above max_even_gain_ratio, and "tconv: warning: brightness: the output is on average 9x as bright
/// as the input ..." when the mean gain is outside [min_plain_gain, max_plain_gain].
std::vector<std::string> phase_gain_warnings(const core::Kernel& kernel, const core::Geometry& geometry);

/// `tconv overlap`'s words for the score: "4", or "none: 7 of 16 phases get no weight" (or "...
/// gains of both signs").
std::string score_text(const core::GainSummary& summary);

/// One axis of `tconv overlap` (`unit` is "row" or "column"): "rows: kernel 3 / stride 2 = 1.5:
/// uneven; 1 to 2 input rows per output row away from the borders, 1 to 2 over all 9 rows".
std::string axis_overlap_line(const char* axis, const char* unit, const core::AxisShape& shape, const core::AxisOverlap& overlap);

}  // namespace tconv::cli
