// compose_feature_sheet: a tile and caption per channel, rows composed by the contact sheet, stacked.
#include "pictures/feature_sheet.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/image/quantise.hpp"
#include "pictures/contact_sheet.hpp"

namespace tconv::pictures {
namespace {

/// `label` then `v` as "%.6g" (or the channel number), formatted in one step.
std::string labelled(const char* label, double v) {
    char text[48];
    std::snprintf(text, sizeof text, "%s%.6g", label, v);
    return text;
}

struct Extremes {
    double lo, hi;
};

Extremes extremes(const core::RealImage& f, int c) {
    Extremes e{f.values[static_cast<std::size_t>(c)], f.values[static_cast<std::size_t>(c)]};
    for (std::size_t i = static_cast<std::size_t>(c); i < f.values.size(); i += static_cast<std::size_t>(f.channels)) {
        e.lo = std::min(e.lo, f.values[i]);
        e.hi = std::max(e.hi, f.values[i]);
    }
    return e;
}

/// Channel c's caption: "C<c>", "MIN <min>", "MAX <max>".
std::vector<std::string> caption(const core::RealImage& f, int c) {
    const auto [lo, hi] = extremes(f, c);
    return {labelled("C", c), labelled("MIN ", lo), labelled("MAX ", hi)};
}

}  // namespace

core::Image feature_tile(const core::RealImage& f, int c) {
    const auto [lo, hi] = extremes(f, c);
    const double span = hi - lo;
    core::Image tile = core::unwritten_image(f.size, 3);
    const std::int64_t n = f.size.h * f.size.w;
    for (std::int64_t p = 0; p < n; ++p) {
        const double v = f.values[static_cast<std::size_t>(p * f.channels + c)];
        std::fill_n(tile.pixels.begin() + p * 3, 3, span > 0 ? core::quantise(255.0 * (v - lo) / span) : std::uint8_t{0});
    }
    return tile;
}

std::string feature_value_text(double v) { return labelled("", v); }

core::Extent2 feature_sheet_size(const core::RealImage& f) {
    std::int64_t width = 0, height = 0;
    for (int first = 0; first < f.channels; first += feature_tiles_per_row) {
        std::vector<PanelOutline> outlines;
        for (int c = first; c < std::min(f.channels, first + feature_tiles_per_row); ++c)
            outlines.push_back({f.size, caption(f, c)});
        const core::Extent2 row = contact_sheet_layout(outlines).size;
        width = std::max(width, row.w);
        height += row.h;
    }
    return {height, width};
}

core::Image compose_feature_sheet(const core::RealImage& f) {
    std::vector<core::Image> rows;
    for (int first = 0; first < f.channels; first += feature_tiles_per_row) {
        std::vector<SheetPanel> panels;
        for (int c = first; c < std::min(f.channels, first + feature_tiles_per_row); ++c)
            panels.push_back({feature_tile(f, c), caption(f, c)});
        rows.push_back(compose_contact_sheet(panels));
    }
    std::int64_t width = 0, height = 0;
    for (const core::Image& r : rows) {
        width = std::max(width, r.width);
        height += r.height;
    }
    core::Image sheet = core::blank_image({height, width}, 3);
    std::fill(sheet.pixels.begin(), sheet.pixels.end(), std::uint8_t{255});
    std::int64_t top = 0;
    for (const core::Image& r : rows) {
        for (std::int64_t y = 0; y < r.height; ++y)
            std::copy_n(r.pixels.begin() + y * r.width * 3, r.width * 3, sheet.pixels.begin() + (top + y) * width * 3);
        top += r.height;
    }
    return sheet;
}

}  // namespace tconv::pictures
