// What would make a geometry give a wanted output size: the output padding, or else the padding,
// that reaches it with the same kernel, stride and dilation (for errors that say how to fix a size).
#pragma once
#include <optional>

#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// A symmetric numeric padding and the output padding that reach a size together.
struct PaddingFix {
    Extent2 padding{};
    Extent2 output_padding{};
};

/// The ways to reach `wanted` from input `in`; both empty when neither reaches it.
struct OutputSizeFix {
    /// The output padding that reaches `wanted` with the geometry's own padding (solve_output_padding).
    std::optional<Extent2> output_padding;
    /// When the output padding alone cannot: the smallest symmetric numeric padding P per axis (-p P,
    /// P >= 0) from which an output padding reaches `wanted`, with that output padding.
    std::optional<PaddingFix> padding;
};

/// Finds what reaches `wanted` (>= 1 per axis) for `geometry` (its output_padding ignored) and `in`.
/// Never throws for a geometry that validate_geometry accepts.
OutputSizeFix find_output_size_fix(Extent2 in, const Geometry& geometry, Extent2 wanted);

}  // namespace tconv::core
