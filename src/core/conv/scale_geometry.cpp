// The --scale recipe: bilinear with the border of F.interpolate, or nearest neighbour.
#include "core/conv/scale_geometry.hpp"

namespace tconv::core {

Extent2 interpolating_bilinear_size(Extent2 stride) { return {2 * stride.h - stride.h % 2, 2 * stride.w - stride.w % 2}; }

std::optional<ScaleGeometry> scale_geometry(KernelKind kind, Extent2 scale) {
    if (kind == KernelKind::Bilinear)
        return ScaleGeometry{interpolating_bilinear_size(scale),
                             scale,
                             {PaddingMode::Explicit, scale.h / 2, scale.w / 2, scale.h / 2, scale.w / 2},
                             EdgeMode::Replicate};
    if (kind == KernelKind::Ones) return ScaleGeometry{scale, scale, {}, std::nullopt};
    return std::nullopt;
}

}  // namespace tconv::core
