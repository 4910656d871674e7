// The slow twin: the literal scatter of the article (literal_scatter.hpp) into a double per output
// sample, then clamped and rounded, written for clarity, never for speed.
#include <cstring>
#include <vector>

#include "core/conv/literal_scatter.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/image/quantise.hpp"

namespace tconv::core {

Image transposed_conv_scatter(const Image& in, const Kernel& kernel, const OutputShape& shape) {
    const int ch = in.channels;
    std::vector<double> sums(static_cast<std::size_t>(shape.rows.out * shape.cols.out * ch), 0.0);
    const auto weight = [&](std::int64_t a, std::int64_t b) { return kernel.at(a, b); };
    for (int k = 0; k < ch; ++k)
        scatter_plane(
            shape, [&](std::int64_t i, std::int64_t j) { return in.sample(i, j, k); }, weight, sums.data() + k,
            static_cast<std::size_t>(ch));
    Image out = blank_image(shape.out(), ch, in.depth);
    for (std::size_t i = 0; i < sums.size(); ++i) {
        if (in.depth == 16) {
            const std::uint16_t v = quantise16(sums[i]);
            std::memcpy(&out.pixels[2 * i], &v, 2);
        } else {
            out.pixels[i] = quantise(sums[i]);
        }
    }
    return out;
}

}  // namespace tconv::core
