// The demo's contact sheet: images side by side on white, each with caption lines underneath.
#pragma once
#include <string>
#include <vector>

#include "core/image/image.hpp"

namespace tconv::pictures {

/// One picture of the sheet and the lines of text under it.
struct SheetPanel {
    core::Image image;  ///< RGB (3 channels)
    std::vector<std::string> caption;
};

/// Layout, in pixels: a white sheet with `margin` around everything, panels left to right `gap`
/// apart and top-aligned, captions in black (bitmap_font at `text_scale`) starting `gap / 2` under
/// each image, one line every (glyph_height + 2) * text_scale. A panel is as wide as its image or
/// its widest caption line. Every panel image must have 3 channels.
inline constexpr std::int64_t sheet_margin = 16;
inline constexpr std::int64_t sheet_gap = 24;
inline constexpr std::int64_t sheet_text_scale = 2;

/// Where the panels go: the sheet's size, and each panel image's top-left corner (every top is
/// sheet_margin).
struct SheetLayout {
    core::Extent2 size;
    std::vector<std::int64_t> lefts;
};

/// What a panel's place on the sheet depends on: its image's size and its caption.
struct PanelOutline {
    core::Extent2 image;
    std::vector<std::string> caption;
};

/// The layout of panels of those outlines, before any of their images is made.
SheetLayout contact_sheet_layout(const std::vector<PanelOutline>& outlines);

/// The layout of `panels` (their images' sizes and captions).
SheetLayout contact_sheet_layout(const std::vector<SheetPanel>& panels);

/// Composes the sheet (3 channels) as contact_sheet_layout places it.
core::Image compose_contact_sheet(const std::vector<SheetPanel>& panels);

}  // namespace tconv::pictures
