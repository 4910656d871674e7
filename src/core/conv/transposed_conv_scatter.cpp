// The slow twin: the literal scatter of the article, written for clarity, never for speed. Edge modes
// are literal too: the input is first extended by the mode, far enough that every output pixel sees
// all of its taps, and the extended image is scattered with zeros beyond it.
#include <cstring>
#include <vector>

#include "core/conv/transposed_conv.hpp"
#include "core/image/edge_extension.hpp"
#include "core/image/quantise.hpp"

namespace tconv::core {

Image transposed_conv_scatter(const Image& in, const Kernel& kernel, const OutputShape& shape) {
    if (shape.edge != EdgeMode::Zero) {
        const std::int64_t ey = edge_reach(shape.rows), ex = edge_reach(shape.cols);
        Image extended = blank_image({in.height + 2 * ey, in.width + 2 * ex}, in.channels, in.depth);
        const std::size_t pixel_bytes = static_cast<std::size_t>(in.channels) * in.sample_bytes();
        for (std::int64_t y = 0; y < extended.height; ++y)
            for (std::int64_t x = 0; x < extended.width; ++x) {
                const std::int64_t sy = edge_source(y - ey, in.height, shape.edge);
                const std::int64_t sx = edge_source(x - ex, in.width, shape.edge);
                std::memcpy(&extended.pixels[static_cast<std::size_t>(y * extended.width + x) * pixel_bytes],
                            &in.pixels[static_cast<std::size_t>(sy * in.width + sx) * pixel_bytes], pixel_bytes);
            }
        return transposed_conv_scatter(extended, kernel,
                                       OutputShape{extended_axis(shape.rows, ey), extended_axis(shape.cols, ex), EdgeMode::Zero});
    }
    const AxisShape& r = shape.rows;
    const AxisShape& c = shape.cols;
    const int ch = in.channels;
    std::vector<double> full(static_cast<std::size_t>(r.full * c.full * ch), 0.0);
    for (std::int64_t i = 0; i < in.height; ++i)
        for (std::int64_t j = 0; j < in.width; ++j)
            for (std::int64_t a = 0; a < kernel.size.h; ++a)
                for (std::int64_t b = 0; b < kernel.size.w; ++b) {
                    const std::int64_t y = i * r.stride + a * r.dilation;
                    const std::int64_t x = j * c.stride + b * c.dilation;
                    for (int k = 0; k < ch; ++k)
                        full[static_cast<std::size_t>((y * c.full + x) * ch + k)] +=
                            static_cast<double>(in.sample(i, j, k)) * static_cast<double>(kernel.at(a, b));
                }
    Image out = blank_image(shape.out(), ch, in.depth);
    for (std::int64_t y = 0; y < r.out; ++y)
        for (std::int64_t x = 0; x < c.out; ++x) {
            const std::int64_t fy = y + r.crop_begin;
            const std::int64_t fx = x + c.crop_begin;
            if (fy >= r.full || fx >= c.full) continue;  // output padding past the full buffer: zeros
            for (int k = 0; k < ch; ++k) {
                const auto i = static_cast<std::size_t>((y * c.out + x) * ch + k);
                const double sum = full[static_cast<std::size_t>((fy * c.full + fx) * ch + k)];
                if (in.depth == 16) {
                    const std::uint16_t v = quantise16(sum);
                    std::memcpy(&out.pixels[2 * i], &v, 2);
                } else {
                    out.pixels[i] = quantise(sum);
                }
            }
        }
    return out;
}

}  // namespace tconv::core
