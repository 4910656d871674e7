// A tiny built-in 5x7 bitmap font, so that the contact sheet can carry its captions without a font file.
#pragma once
#include <cstdint>
#include <string_view>

#include "core/image/image.hpp"

namespace tconv::pictures {

/// Glyph cell size in font pixels; characters advance by glyph_width + 1.
inline constexpr std::int64_t glyph_width = 5;
inline constexpr std::int64_t glyph_height = 7;

/// Width in image pixels of `text` drawn at `scale` (>= 1), without a trailing gap.
std::int64_t text_width(std::string_view text, std::int64_t scale);

/// Draws `text` with its top-left corner at (top, left), each font pixel a scale x scale square set
/// to `value` in every channel; what falls outside `image` is clipped. Draws A-Z, 0-9, space and
/// = + - * ( ) / : , . > ?; lowercase letters as capitals except 'x' (kept small for sizes like
/// 16x16); any other character as '?'.
void draw_text(core::Image& image, std::int64_t top, std::int64_t left, std::string_view text, std::int64_t scale,
               std::uint8_t value);

}  // namespace tconv::pictures
