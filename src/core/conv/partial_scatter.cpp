// The partial scatter: the literal scatter (literal_scatter.hpp) of input pixels added() .. n - 1 at a
// time into the output window, in double.
#include "core/conv/partial_scatter.hpp"

#include <algorithm>

#include "core/conv/literal_scatter.hpp"
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
    const auto weight = [&](std::int64_t a, std::int64_t b) { return kernel_.at(a, b); };
    for (int k = 0; k < in_.channels; ++k)
        scatter_pixels(
            shape_, added_, n, [&](std::int64_t i, std::int64_t j) { return in_.at(i, j, k); }, weight, sums_.data() + k,
            static_cast<std::size_t>(in_.channels));
    added_ = std::max(added_, n);
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
