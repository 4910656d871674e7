// Premultiplied alpha over the real-valued convolution: one pass for all channels, since alpha's plane
// and the premultiplied colour planes go through the same T.
#include "core/conv/premultiplied_alpha.hpp"

#include "core/conv/real_convolver.hpp"

namespace tconv::core {

RealImage transposed_conv_premultiplied(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads) {
    return real_sums(RealConvolver(in, kernel, shape, RealSamples::Premultiplied), threads);
}

void premultiply(double* samples, std::size_t pixels, int channels, double max) {
    const auto ch = static_cast<std::size_t>(channels);
    const std::size_t alpha = ch - 1;
    for (std::size_t p = 0; p < pixels * ch; p += ch) {
        const double a = samples[p + alpha];
        for (std::size_t c = 0; c < alpha; ++c) samples[p + c] = samples[p + c] * a / max;
    }
}

void unpremultiply(double* sums, std::size_t pixels, int channels, double max) {
    const auto ch = static_cast<std::size_t>(channels);
    const std::size_t alpha = ch - 1;
    for (std::size_t p = 0; p < pixels * ch; p += ch) {
        const double a = sums[p + alpha];
        for (std::size_t c = 0; c < alpha; ++c) sums[p + c] = a > 0 ? sums[p + c] * max / a : 0.0;
    }
}

}  // namespace tconv::core
