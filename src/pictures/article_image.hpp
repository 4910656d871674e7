// The article's 4x4 colour image, as data: the input of every demo (samples/article.png holds it too).
#pragma once
#include "core/image/image.hpp"

namespace tconv::pictures {

/// The 4x4 RGB image, rows top to bottom: red green blue white / black yellow cyan magenta /
/// orange (255,128,0) gray (128,128,128) purple (128,0,128) white / blue black red green.
core::Image article_image();

}  // namespace tconv::pictures
