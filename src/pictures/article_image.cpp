// The article's image, written from its colour names.
#include "pictures/article_image.hpp"

#include <array>
#include <cstdint>

namespace tconv::pictures {

core::Image article_image() {
    using Rgb = std::array<std::uint8_t, 3>;
    constexpr Rgb red{255, 0, 0}, green{0, 255, 0}, blue{0, 0, 255}, white{255, 255, 255}, black{0, 0, 0}, yellow{255, 255, 0},
        cyan{0, 255, 255}, magenta{255, 0, 255}, orange{255, 128, 0}, gray{128, 128, 128}, purple{128, 0, 128};
    constexpr std::array<Rgb, 16> cells{red,   green,  blue, white,                                 //
                                        black, yellow, cyan, magenta, orange, gray, purple, white,  //
                                        blue,  black,  red,  green};
    core::Image img = core::blank_image({4, 4}, 3);
    std::size_t i = 0;
    for (const Rgb& cell : cells)
        for (const std::uint8_t v : cell) img.pixels[i++] = v;
    return img;
}

}  // namespace tconv::pictures
