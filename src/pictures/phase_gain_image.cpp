// Phase-gain maps: one grey level per phase, repeated with the stride.
#include "pictures/phase_gain_image.hpp"

#include <algorithm>
#include <cmath>

namespace tconv::pictures {

core::Image phase_gain_image(const core::PhaseGainTable& table, core::Extent2 size, core::Extent2 phase_begin) {
    core::Image img = core::blank_image(size, 1);
    const double top = *std::max_element(table.gains.begin(), table.gains.end());
    if (!(top > 0.0)) return img;
    const core::Extent2 s = table.stride;
    for (std::int64_t y = 0; y < size.h; ++y)
        for (std::int64_t x = 0; x < size.w; ++x) {
            const double g = table.at((y + phase_begin.h) % s.h, (x + phase_begin.w) % s.w);
            img.pixels[static_cast<std::size_t>(y * size.w + x)] =
                static_cast<std::uint8_t>(std::lround(255.0 * std::max(g, 0.0) / top));
        }
    return img;
}

}  // namespace tconv::pictures
