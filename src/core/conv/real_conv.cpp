// Real-valued images, and the whole-image driver over RealConvolver's rows.
#include "core/conv/real_conv.hpp"

#include <algorithm>
#include <cstring>

#include "core/image/quantise.hpp"
#include "core/schedule/row_bands.hpp"

namespace tconv::core {

RealImage real_image(const Image& image) {
    RealImage r{image.size(), image.channels,
                std::vector<double>(static_cast<std::size_t>(image.height * image.width * image.channels))};
    for (std::int64_t y = 0; y < image.height; ++y)
        for (std::int64_t x = 0; x < image.width; ++x)
            for (int c = 0; c < image.channels; ++c)
                r.values[static_cast<std::size_t>((y * image.width + x) * image.channels + c)] = image.sample(y, x, c);
    return r;
}

Image quantised_image(const RealImage& real, int depth) {
    Image out = unwritten_image(real.size, real.channels, depth);
    if (depth == 16) {
        for (std::size_t i = 0; i < real.values.size(); ++i) {
            const std::uint16_t v = quantise16(real.values[i]);
            std::memcpy(out.pixels.data() + 2 * i, &v, 2);
        }
        return out;
    }
    std::transform(real.values.begin(), real.values.end(), out.pixels.begin(), [](double v) { return quantise(v); });
    return out;
}

RealImage real_sums(const RealConvolver& convolver, int threads) {
    const Extent2 out = convolver.out();
    const std::size_t row_len = convolver.row_len();
    RealImage result{out, convolver.channels(), std::vector<double>(static_cast<std::size_t>(out.h) * row_len)};
    run_row_bands(out.h, threads, [&](std::int64_t y0, std::int64_t y1) {
        convolver.sum_rows(y0, y1, [&](std::int64_t y, const double* row) {
            std::copy_n(row, row_len, result.values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row_len));
        });
    });
    return result;
}

RealImage transposed_conv_real(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads) {
    return real_sums(RealConvolver(in, kernel, shape), threads);
}

}  // namespace tconv::core
