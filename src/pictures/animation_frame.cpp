// Animation frames: an enlargement and a rectangle on its grid lines.
#include "pictures/animation_frame.hpp"

#include "pictures/enlarge.hpp"
#include "pictures/view.hpp"

namespace tconv::pictures {

core::Image animation_frame(const core::Image& frame, std::int64_t zoom, const core::OutputRect& added) {
    if (zoom <= 1) return frame;
    core::Image big = enlarge_with_grid(rgb_view(frame), zoom, grid_value);
    if (added.empty()) return big;
    const std::int64_t step = zoom + 1;
    const std::int64_t top = added.top * step, bottom = added.bottom * step;
    const std::int64_t left = added.left * step, right = added.right * step;
    auto paint = [&](std::int64_t y, std::int64_t x) {
        for (int c = 0; c < 3; ++c) big.pixels[static_cast<std::size_t>((y * big.width + x) * 3 + c)] = outline_rgb[c];
    };
    for (std::int64_t x = left; x <= right; ++x) {
        paint(top, x);
        paint(bottom, x);
    }
    for (std::int64_t y = top; y <= bottom; ++y) {
        paint(y, left);
        paint(y, right);
    }
    return big;
}

}  // namespace tconv::pictures
