// Contact sheet layout: measure every panel, then paste images and draw captions.
#include "pictures/contact_sheet.hpp"

#include <algorithm>

#include "pictures/bitmap_font.hpp"

namespace tconv::pictures {

namespace {

constexpr std::int64_t line_height = (glyph_height + 2) * sheet_text_scale;

/// The layout of `n` panels, panel i's image of size_of(i) with the caption caption_of(i).
template <class SizeOf, class CaptionOf>
SheetLayout layout_of(std::size_t n, const SizeOf& size_of, const CaptionOf& caption_of) {
    SheetLayout layout;
    std::int64_t left = sheet_margin;
    std::int64_t height = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const core::Extent2 image = size_of(i);
        const std::vector<std::string>& caption = caption_of(i);
        std::int64_t w = image.w;
        for (const std::string& line : caption) w = std::max(w, text_width(line, sheet_text_scale));
        layout.lefts.push_back(left);
        left += w + sheet_gap;
        height = std::max(height, image.h + sheet_gap / 2 + static_cast<std::int64_t>(caption.size()) * line_height);
    }
    layout.size = {height + 2 * sheet_margin, std::max<std::int64_t>(left - sheet_gap + sheet_margin, 2 * sheet_margin)};
    return layout;
}

}  // namespace

SheetLayout contact_sheet_layout(const std::vector<PanelOutline>& outlines) {
    return layout_of(
        outlines.size(), [&](std::size_t i) { return outlines[i].image; },
        [&](std::size_t i) -> const std::vector<std::string>& { return outlines[i].caption; });
}

SheetLayout contact_sheet_layout(const std::vector<SheetPanel>& panels) {
    return layout_of(
        panels.size(), [&](std::size_t i) { return panels[i].image.size(); },
        [&](std::size_t i) -> const std::vector<std::string>& { return panels[i].caption; });
}

core::Image compose_contact_sheet(const std::vector<SheetPanel>& panels) {
    const SheetLayout layout = contact_sheet_layout(panels);
    core::Image sheet = core::blank_image(layout.size, 3);
    std::fill(sheet.pixels.begin(), sheet.pixels.end(), std::uint8_t{255});
    for (std::size_t n = 0; n < panels.size(); ++n) {
        const core::Image& img = panels[n].image;
        const std::int64_t left = layout.lefts[n];
        for (std::int64_t y = 0; y < img.height; ++y) {
            const auto src = img.pixels.begin() + static_cast<std::ptrdiff_t>(y * img.width * 3);
            std::copy(src, src + static_cast<std::ptrdiff_t>(img.width * 3),
                      sheet.pixels.begin() + static_cast<std::ptrdiff_t>(((sheet_margin + y) * sheet.width + left) * 3));
        }
        std::int64_t top = sheet_margin + img.height + sheet_gap / 2;
        for (const std::string& line : panels[n].caption) {
            draw_text(sheet, top, left, line, sheet_text_scale, 0);
            top += line_height;
        }
    }
    return sheet;
}

}  // namespace tconv::pictures
