// The overlap map drawn as grey levels.
#include "pictures/overlap_image.hpp"

namespace tconv::pictures {

core::Image overlap_image(const core::OverlapMap& map) {
    core::Image img = core::blank_image(
        {static_cast<std::int64_t>(map.rows.counts.size()), static_cast<std::int64_t>(map.cols.counts.size())}, 1);
    const std::int64_t max = map.over_output().max;
    if (max == 0) return img;
    for (std::int64_t y = 0; y < img.height; ++y)
        for (std::int64_t x = 0; x < img.width; ++x)
            // Integer rounding half up: (2 * count * 255 + max) / (2 * max).
            img.pixels[static_cast<std::size_t>(y * img.width + x)] =
                static_cast<std::uint8_t>((2 * map.at(y, x) * 255 + max) / (2 * max));
    return img;
}

}  // namespace tconv::pictures
