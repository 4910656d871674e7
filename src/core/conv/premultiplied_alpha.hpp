// --alpha premultiplied: colour weighted by alpha through the convolution and divided by the convolved
// alpha after, so colours hidden under transparent pixels do not bleed into visible ones.
#pragma once
#include <cstddef>

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
/// The whole image at once; RealConvolver with RealSamples::Premultiplied gives it a row at a time.
RealImage transposed_conv_premultiplied(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads);

/// The way in: each colour sample c of `pixels` pixels of `channels` (alpha last) becomes c * a / max.
void premultiply(double* samples, std::size_t pixels, int channels, double max);

/// The way out: each colour sum C becomes C * max / A where the alpha sum A > 0, else 0.
void unpremultiply(double* sums, std::size_t pixels, int channels, double max);

}  // namespace tconv::core
