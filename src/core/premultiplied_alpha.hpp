// --alpha premultiplied: colour weighted by alpha through the convolution and divided by the convolved
// alpha after, so colours hidden under transparent pixels do not bleed into visible ones.
#pragma once
#include "core/image.hpp"
#include "core/kernel.hpp"
#include "core/output_shape.hpp"
#include "core/real_conv.hpp"

namespace tconv::core {

/// Whether an image of `channels` has an alpha channel (grey+alpha, RGBA: the last one).
inline bool has_alpha(int channels) { return channels == 2 || channels == 4; }

/// The rule of CLI.md before rounding: with a the alpha channel and c a colour channel (samples
/// 0..255), A = T(a) and C = T(c * a / 255), T the transposed convolution unclamped
/// (transposed_conv_real). The result's alpha is A; its colour is C * 255 / A where A > 0, else 0; the
/// pixels are quantised_image() of it. Throws InvalidParams unless `in` has alpha.
RealImage transposed_conv_premultiplied(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads);

}  // namespace tconv::core
