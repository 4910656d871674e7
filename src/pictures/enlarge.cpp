// Nearest-neighbour enlargement with grid lines.
#include "pictures/enlarge.hpp"

#include <algorithm>

namespace tconv::pictures {

core::Image enlarge_with_grid(const core::Image& in, std::int64_t factor, std::uint8_t line_value) {
    const std::int64_t step = factor + 1;
    core::Image out = core::blank_image({in.height * step + 1, in.width * step + 1}, in.channels);
    std::fill(out.pixels.begin(), out.pixels.end(), line_value);
    const auto ch = static_cast<std::size_t>(in.channels);
    for (std::int64_t y = 0; y < out.height; ++y) {
        if (y % step == 0) continue;  // a grid line
        const std::int64_t sy = y / step;
        for (std::int64_t x = 0; x < out.width; ++x) {
            if (x % step == 0) continue;
            const auto src = in.pixels.begin() + static_cast<std::ptrdiff_t>((sy * in.width + x / step) * in.channels);
            std::copy(src, src + static_cast<std::ptrdiff_t>(ch),
                      out.pixels.begin() + static_cast<std::ptrdiff_t>((y * out.width + x) * in.channels));
        }
    }
    return out;
}

}  // namespace tconv::pictures
