// How tconv words uneven overlap (the checkerboard of Odena, Dumoulin & Olah): the main job's
// warning and the per-axis lines of `tconv overlap`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/output_shape.hpp"
#include "core/overlap_map.hpp"

namespace tconv::cli {

/// "kernel 3 / stride 2 = 1.5", or with dilation "effective kernel 5 (dilation 2) / stride 2 = 2.5".
std::string overlap_ratio(std::int64_t kernel, std::int64_t stride, std::int64_t dilation);

/// The main job's warning when has_uneven_overlap(geometry), else nullopt: "tconv: warning: uneven
/// overlap (checkerboard artefacts): rows and columns: kernel 3 / stride 4 = 0.75, 0 to 1 input
/// pixels per output pixel away from the borders" (axes named separately when they differ).
std::optional<std::string> uneven_overlap_warning(const core::Geometry& geometry);

/// One axis of `tconv overlap` (`unit` is "row" or "column"): "rows: kernel 3 / stride 2 = 1.5:
/// uneven; 1 to 2 input rows per output row away from the borders, 1 to 2 over all 9 rows".
std::string axis_overlap_line(const char* axis, const char* unit, const core::AxisShape& shape, const core::AxisOverlap& overlap);

}  // namespace tconv::cli
