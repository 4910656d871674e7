// --scale's recipe as geometry: an S-times upsampling with the bilinear or the ones kernel, and the
// bilinear kernel's own size for a stride. What the recipe computes is core's; the CLI only parses S.
#pragma once
#include <optional>

#include "core/geometry/edge_mode.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// The bilinear kernel's interpolating size for a stride: k = 2s - s%2 per axis interpolates exactly.
Extent2 interpolating_bilinear_size(Extent2 stride);

/// The geometry of an S-times upsampling (`scale` rows x columns) with a kernel of `kind`.
struct ScaleGeometry {
    Extent2 kernel;
    Extent2 stride;
    Padding padding;
    /// The edge mode the recipe wants unless the user chose one: replicate for bilinear, so the border
    /// equals PyTorch's F.interpolate(mode='bilinear', align_corners=False); none for ones.
    std::optional<EdgeMode> edge;
};

/// Bilinear: stride S, its interpolating size, padding S/2 (rounded down) on each side, replicated
/// edges; ones: a kernel of S, stride S, no padding (nearest neighbour). Nothing for other kernels.
std::optional<ScaleGeometry> scale_geometry(KernelKind kind, Extent2 scale);

}  // namespace tconv::core
