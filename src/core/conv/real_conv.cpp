// A gather over the stride phases of both axes: each output sample reads its taps (from AxisPhases,
// which applies the edge mode) in tap order, so the sums do not depend on how rows are split.
#include "core/conv/real_conv.hpp"

#include <algorithm>
#include <cstring>

#include "core/conv/axis_phases.hpp"
#include "core/image/quantise.hpp"
#include "core/schedule/row_bands.hpp"

namespace tconv::core {
namespace {

/// The (input column, kernel column) taps of every output column, flattened: column x's taps are
/// taps[begin[x] .. begin[x + 1]).
struct ColumnTaps {
    std::vector<std::int64_t> begin;
    std::vector<std::pair<std::int64_t, std::int64_t>> taps;
};

ColumnTaps column_taps(const AxisPhases& cols, std::int64_t out_w) {
    ColumnTaps t;
    t.begin.reserve(static_cast<std::size_t>(out_w) + 1);
    for (std::int64_t x = 0; x < out_w; ++x) {
        t.begin.push_back(static_cast<std::int64_t>(t.taps.size()));
        cols.taps_at(x, [&](std::int64_t j, std::int64_t b) { t.taps.emplace_back(j, b); });
    }
    t.begin.push_back(static_cast<std::int64_t>(t.taps.size()));
    return t;
}

}  // namespace

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

RealImage transposed_conv_real(const RealImage& in, const Kernel& kernel, const OutputShape& shape, int threads) {
    const Extent2 out = shape.out();
    const int ch = in.channels;
    RealImage result{out, ch, std::vector<double>(static_cast<std::size_t>(out.h * out.w * ch), 0.0)};
    const AxisPhases rows(shape.rows, shape.edge);
    const AxisPhases cols(shape.cols, shape.edge);
    const ColumnTaps col_taps = column_taps(cols, out.w);

    auto band = [&](std::int64_t y0, std::int64_t y1) {
        for (std::int64_t y = y0; y < y1; ++y) {
            double* const row = result.values.data() + static_cast<std::size_t>(y * out.w * ch);
            rows.taps_at(y, [&](std::int64_t i, std::int64_t a) {
                const double* const in_row = in.values.data() + static_cast<std::size_t>(i * in.size.w * ch);
                for (std::int64_t x = 0; x < out.w; ++x) {
                    double* const o = row + x * ch;
                    for (std::int64_t t = col_taps.begin[static_cast<std::size_t>(x)];
                         t < col_taps.begin[static_cast<std::size_t>(x) + 1]; ++t) {
                        const auto [j, b] = col_taps.taps[static_cast<std::size_t>(t)];
                        const double w = kernel.at(a, b);
                        const double* const px = in_row + j * ch;
                        for (int c = 0; c < ch; ++c) o[c] += px[c] * w;
                    }
                }
            });
        }
    };
    run_row_bands(out.h, threads, band);
    return result;
}

}  // namespace tconv::core
