// RGB views and enlargements for the sheets and pages of the teaching commands.
#include "pictures/view.hpp"

#include <algorithm>

#include "pictures/enlarge.hpp"

namespace tconv::pictures {

std::int64_t view_factor(core::Extent2 size) { return std::max<std::int64_t>(1, view_size / std::max(size.h, size.w)); }

core::Image rgb_view(const core::Image& image) {
    if (image.channels == 3) return image;
    core::Image rgb = core::unwritten_image(image.size(), 3);
    const bool grey = image.channels < 3;
    for (std::int64_t y = 0; y < image.height; ++y)
        for (std::int64_t x = 0; x < image.width; ++x)
            for (int c = 0; c < 3; ++c)
                rgb.pixels[static_cast<std::size_t>((y * image.width + x) * 3 + c)] = image.at(y, x, grey ? 0 : c);
    return rgb;
}

core::Image enlarged_view(const core::Image& image) {
    const std::int64_t factor = view_factor(image.size());
    core::Image rgb = rgb_view(image);
    return factor > 1 ? enlarge_with_grid(rgb, factor, grid_value) : rgb;
}

}  // namespace tconv::pictures
