// The slow twin: the literal scatter of the article, written for clarity, never for speed.
#include <vector>

#include "core/quantise.hpp"
#include "core/transposed_conv.hpp"

namespace tconv::core {

Image transposed_conv_scatter(const Image& in, const Kernel& kernel, const OutputShape& shape) {
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
                            static_cast<double>(in.at(i, j, k)) * static_cast<double>(kernel.at(a, b));
                }
    Image out = blank_image(shape.out(), ch);
    for (std::int64_t y = 0; y < r.out; ++y)
        for (std::int64_t x = 0; x < c.out; ++x) {
            const std::int64_t fy = y + r.crop_begin;
            const std::int64_t fx = x + c.crop_begin;
            if (fy >= r.full || fx >= c.full) continue;  // output padding past the full buffer: zeros
            for (int k = 0; k < ch; ++k)
                out.pixels[static_cast<std::size_t>((y * c.out + x) * ch + k)] =
                    quantise(full[static_cast<std::size_t>((fy * c.full + fx) * ch + k)]);
        }
    return out;
}

}  // namespace tconv::core
