// The fast path: a gather over precomputed per-axis tap lists, output rows split over threads.
// Each output index sees only the kernel taps whose stride phase matches it, so no division or
// bounds test is left in the inner loops.
#include "core/transposed_conv.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "core/quantise.hpp"

namespace tconv::core {
namespace {

/// For each output index o: the (input index, kernel index) pairs that reach full index o + crop_begin.
struct AxisTaps {
    std::vector<std::int64_t> begin;  ///< out + 1 offsets into `input` / `tap`
    std::vector<std::int64_t> input;
    std::vector<std::int64_t> tap;
};

AxisTaps axis_taps(const AxisShape& a) {
    AxisTaps t;
    t.begin.reserve(static_cast<std::size_t>(a.out + 1));
    t.begin.push_back(0);
    for (std::int64_t o = 0; o < a.out; ++o) {
        const std::int64_t f = o + a.crop_begin;
        for (std::int64_t k = 0; k < a.kernel; ++k) {
            const std::int64_t rest = f - k * a.dilation;
            if (rest < 0) break;
            if (rest % a.stride != 0) continue;
            const std::int64_t i = rest / a.stride;
            if (i >= a.in) continue;
            t.input.push_back(i);
            t.tap.push_back(k);
        }
        t.begin.push_back(static_cast<std::int64_t>(t.input.size()));
    }
    return t;
}

void convolve_rows(const Image& in, const Kernel& kernel, const AxisTaps& rows, const AxisTaps& cols,
                   std::int64_t out_width, std::int64_t y0, std::int64_t y1, std::uint8_t* out) {
    const int ch = in.channels;
    const auto row_len = static_cast<std::size_t>(out_width * ch);
    std::vector<float> acc(row_len);
    for (std::int64_t y = y0; y < y1; ++y) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        for (std::int64_t rt = rows.begin[y]; rt < rows.begin[y + 1]; ++rt) {
            const std::uint8_t* src = in.pixels.data() + rows.input[rt] * in.width * ch;
            const float* w = kernel.weights.data() + rows.tap[rt] * kernel.size.w;
            for (std::int64_t x = 0; x < out_width; ++x) {
                float* a = acc.data() + x * ch;
                for (std::int64_t ct = cols.begin[x]; ct < cols.begin[x + 1]; ++ct) {
                    const std::uint8_t* p = src + cols.input[ct] * ch;
                    const float wv = w[cols.tap[ct]];
                    for (int c = 0; c < ch; ++c) a[c] += static_cast<float>(p[c]) * wv;
                }
            }
        }
        std::uint8_t* dst = out + y * out_width * ch;
        for (std::size_t i = 0; i < row_len; ++i) dst[i] = quantise(acc[i]);
    }
}

}  // namespace

Image transposed_conv(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads) {
    const AxisTaps rows = axis_taps(shape.rows);
    const AxisTaps cols = axis_taps(shape.cols);
    Image out = blank_image(shape.out(), in.channels);
    const std::int64_t h = shape.rows.out;
    const std::int64_t bands = std::clamp<std::int64_t>(threads, 1, h);
    if (bands == 1) {
        convolve_rows(in, kernel, rows, cols, shape.cols.out, 0, h, out.pixels.data());
        return out;
    }
    {
        std::vector<std::jthread> workers;  // joined at the end of this block, before `out` is returned
        for (std::int64_t b = 0; b < bands; ++b) {
            const std::int64_t y0 = h * b / bands;
            const std::int64_t y1 = h * (b + 1) / bands;
            workers.emplace_back([&, y0, y1] {
                convolve_rows(in, kernel, rows, cols, shape.cols.out, y0, y1, out.pixels.data());
            });
        }
    }
    return out;
}

}  // namespace tconv::core
