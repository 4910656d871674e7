// Each orientation as the stored pixel that lands at upright (y, x), for a stored image h x w.
#include "core/image/orientation.hpp"

#include <algorithm>

namespace tconv::core {

Image upright(const Image& s, int orientation) {
    if (orientation < 2 || orientation > 8) return s;
    const std::int64_t h = s.height, w = s.width;
    const bool swap = orientation_swaps_axes(orientation);
    Image out = unwritten_image(swap ? Extent2{w, h} : Extent2{h, w}, s.channels, s.depth);
    const auto c = static_cast<std::size_t>(s.channels) * s.sample_bytes();  // bytes per pixel
    for (std::int64_t y = 0; y < out.height; ++y)
        for (std::int64_t x = 0; x < out.width; ++x) {
            std::int64_t sy = y, sx = x;
            switch (orientation) {
                case 2: sx = w - 1 - x; break;
                case 3: sy = h - 1 - y, sx = w - 1 - x; break;
                case 4: sy = h - 1 - y; break;
                case 5: sy = x, sx = y; break;
                case 6: sy = h - 1 - x, sx = y; break;
                case 7: sy = h - 1 - x, sx = w - 1 - y; break;
                default: sy = x, sx = w - 1 - y; break;  // 8
            }
            const auto* from = &s.pixels[static_cast<std::size_t>(sy * w + sx) * c];
            std::copy_n(from, c, &out.pixels[static_cast<std::size_t>(y * out.width + x) * c]);
        }
    return out;
}

}  // namespace tconv::core
