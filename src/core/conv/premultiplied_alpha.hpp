// --alpha premultiplied: colour weighted by alpha through the convolution and divided by the convolved
// alpha after, so colours hidden under transparent pixels do not bleed into visible ones.
#pragma once
#include "core/conv/real_conv.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// Whether an image of `channels` has an alpha channel (grey+alpha, RGBA: the last one).
inline bool has_alpha(int channels) { return channels == 2 || channels == 4; }

/// The rule of --alpha premultiplied before rounding: with a the alpha channel and c a colour channel (samples
/// 0..MAX, 255 or 65535 by the image's depth), A = T(a) and C = T(c * a / MAX), T the transposed convolution unclamped
/// (transposed_conv_real). The result's alpha is A; its colour is C * MAX / A where A > 0, else 0; the
/// pixels are quantised_image() of it at the image's depth. Throws InvalidParams unless `in` has alpha.
RealImage transposed_conv_premultiplied(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads);

}  // namespace tconv::core
