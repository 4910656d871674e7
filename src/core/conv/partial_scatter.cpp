// The partial scatter: one input pixel's stamp at a time into the output window, in double.
#include "core/conv/partial_scatter.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/image/quantise.hpp"

namespace tconv::core {
namespace {

/// [first, last) of the output indices that input index i reaches on axis `a` (clipped to the window).
std::pair<std::int64_t, std::int64_t> stamp_span(const AxisShape& a, std::int64_t i) {
    const std::int64_t first = i * a.stride - a.crop_begin;
    return {std::clamp<std::int64_t>(first, 0, a.out), std::clamp<std::int64_t>(first + a.k_eff, 0, a.out)};
}

}  // namespace

OutputRect bounding_rect(const OutputRect& a, const OutputRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.top, b.top), std::min(a.left, b.left), std::max(a.bottom, b.bottom), std::max(a.right, b.right)};
}

std::vector<std::int64_t> frame_pixel_counts(std::int64_t pixels, std::int64_t max_frames) {
    const std::int64_t frames = std::min(pixels, max_frames);
    std::vector<std::int64_t> counts;
    counts.reserve(static_cast<std::size_t>(frames + 1));
    // k * pixels stays far below 2^63: pixels <= 2^40 and frames <= pixels are checked by the caller's limits.
    for (std::int64_t k = 0; k <= frames; ++k) counts.push_back(k * pixels / frames);
    return counts;
}

PartialScatter::PartialScatter(const Image& in, const Kernel& kernel, const OutputShape& shape)
    : in_(in), kernel_(kernel), shape_(shape) {
    if (shape.edge != EdgeMode::Zero) throw InvalidParams("the partial scatter adds the input's own pixels: zero edges only");
    sums_.assign(static_cast<std::size_t>(shape.rows.out * shape.cols.out * in.channels), 0.0);
}

void PartialScatter::add_until(std::int64_t n) {
    const AxisShape &rows = shape_.rows, &cols = shape_.cols;
    const auto ch = static_cast<std::size_t>(in_.channels);
    for (; added_ < n; ++added_) {
        const std::int64_t i = added_ / in_.width, j = added_ % in_.width;
        for (std::int64_t a = 0; a < kernel_.size.h; ++a) {
            const std::int64_t y = i * rows.stride + a * rows.dilation - rows.crop_begin;
            if (y < 0 || y >= rows.out) continue;
            for (std::int64_t b = 0; b < kernel_.size.w; ++b) {
                const std::int64_t x = j * cols.stride + b * cols.dilation - cols.crop_begin;
                if (x < 0 || x >= cols.out) continue;
                const double w = kernel_.at(a, b);
                double* px = sums_.data() + static_cast<std::size_t>(y * cols.out + x) * ch;
                for (std::size_t c = 0; c < ch; ++c) px[c] += w * in_.at(i, j, static_cast<int>(c));
            }
        }
    }
}

Image PartialScatter::quantised() const {
    Image out = unwritten_image(shape_.out(), in_.channels);
    std::transform(sums_.begin(), sums_.end(), out.pixels.begin(), [](double v) { return quantise(v); });
    return out;
}

OutputRect PartialScatter::stamp_rect(std::int64_t index) const {
    const auto [top, bottom] = stamp_span(shape_.rows, index / in_.width);
    const auto [left, right] = stamp_span(shape_.cols, index % in_.width);
    return {top, left, bottom, right};
}

}  // namespace tconv::core
