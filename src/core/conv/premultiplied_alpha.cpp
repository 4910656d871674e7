// Premultiplied alpha over the real-valued convolution: one pass for all channels, since alpha's plane
// and the premultiplied colour planes go through the same T.
#include "core/conv/premultiplied_alpha.hpp"

#include "core/errors.hpp"

namespace tconv::core {

RealImage transposed_conv_premultiplied(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads) {
    if (!has_alpha(in.channels)) throw InvalidParams("premultiplied alpha needs an image with an alpha channel");
    const double max = in.max_value();  // 255, or 65535 for a 16-bit image
    const auto ch = static_cast<std::size_t>(in.channels);
    const std::size_t alpha = ch - 1;
    RealImage weighted = real_image(in);
    for (std::size_t p = 0; p < weighted.values.size(); p += ch) {
        const double a = weighted.values[p + alpha];
        for (std::size_t c = 0; c < alpha; ++c) weighted.values[p + c] = weighted.values[p + c] * a / max;
    }
    RealImage sums = transposed_conv_real(weighted, kernel, shape, threads);
    for (std::size_t p = 0; p < sums.values.size(); p += ch) {
        const double a = sums.values[p + alpha];
        for (std::size_t c = 0; c < alpha; ++c) sums.values[p + c] = a > 0 ? sums.values[p + c] * max / a : 0.0;
    }
    return sums;
}

}  // namespace tconv::core
