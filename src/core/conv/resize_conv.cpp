// Resize-convolution by direct summation over the taps: a teaching twin of the transposed
// convolution, sized for the images one looks at, so no fast path.
#include "core/conv/resize_conv.hpp"

#include <numeric>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/image/quantise.hpp"

namespace tconv::core {
namespace {

ResizeConvAxis plan_axis(const AxisShape& a) {
    ResizeConvAxis r{a.in, a.stride, a.kernel, a.dilation, checked_mul(a.in, a.stride), 0, 0, a.out};
    const std::int64_t total = a.out - r.upsampled + a.dilation * (a.kernel - 1);
    // Floor division, so that a negative total drops the extra entry at the end as well.
    r.pad_begin = total >= 0 ? total / 2 : -((-total + 1) / 2);
    r.pad_end = total - r.pad_begin;
    return r;
}

/// The upsampled input index that output o reaches through tap a, or -1 outside the upsampled axis.
std::int64_t source_index(const ResizeConvAxis& r, std::int64_t o, std::int64_t a) {
    const std::int64_t t = o + a * r.dilation - r.pad_begin;
    return t >= 0 && t < r.upsampled ? t / r.stride : -1;
}

double weight_sum(const Kernel& kernel) { return std::accumulate(kernel.weights.begin(), kernel.weights.end(), 0.0); }

}  // namespace

ResizeConvShape plan_resize_conv(const OutputShape& shape) { return {plan_axis(shape.rows), plan_axis(shape.cols)}; }

void require_brightness_scale(const Kernel& kernel) {
    if (weight_sum(kernel) == 0.0) throw InvalidParams("the kernel's weights sum to 0, so no scale of it keeps the brightness");
}

std::vector<double> resize_conv_sums(const Image& in, const Kernel& kernel, const ResizeConvShape& shape) {
    require_brightness_scale(kernel);
    const double sum = weight_sum(kernel);
    const ResizeConvAxis &rows = shape.rows, &cols = shape.cols;
    const auto ch = static_cast<std::size_t>(in.channels);
    std::vector<double> out(static_cast<std::size_t>(rows.out * cols.out) * ch, 0.0);
    for (std::int64_t y = 0; y < rows.out; ++y)
        for (std::int64_t x = 0; x < cols.out; ++x) {
            double* px = out.data() + static_cast<std::size_t>(y * cols.out + x) * ch;
            for (std::int64_t a = 0; a < kernel.size.h; ++a) {
                const std::int64_t i = source_index(rows, y, a);
                if (i < 0) continue;
                for (std::int64_t b = 0; b < kernel.size.w; ++b) {
                    const std::int64_t j = source_index(cols, x, b);
                    if (j < 0) continue;
                    // Each weight divided by the sum in double: the same numbers as w / w.sum() in float64.
                    const double w = static_cast<double>(kernel.at(a, b)) / sum;
                    for (std::size_t c = 0; c < ch; ++c) px[c] += w * in.at(i, j, static_cast<int>(c));
                }
            }
        }
    return out;
}

Image resize_conv(const Image& in, const Kernel& kernel, const ResizeConvShape& shape) {
    const std::vector<double> sums = resize_conv_sums(in, kernel, shape);
    Image out = unwritten_image(shape.out(), in.channels);
    for (std::size_t n = 0; n < sums.size(); ++n) out.pixels[n] = quantise(sums[n]);
    return out;
}

PhaseGainTable resize_conv_gain_table(Extent2 stride) {
    return {stride, std::vector<double>(static_cast<std::size_t>(checked_mul(stride.h, stride.w)), 1.0)};
}

GainSummary resize_conv_gain_summary(Extent2 stride) {
    GainSummary s;
    s.min = s.max = s.mean = 1.0;
    s.phases = checked_mul(stride.h, stride.w);
    return s;
}

}  // namespace tconv::core
