// --feature-maps: a layer's output channels as a labelled contact sheet, one grey tile per channel,
// each stretched from its own min..max, for channel counts no image format holds.
#pragma once
#include <cstdint>
#include <string>

#include "core/conv/real_conv.hpp"
#include "core/image/image.hpp"

namespace tconv::pictures {

/// Tiles per row of the sheet.
inline constexpr int feature_tiles_per_row = 8;

/// Channel c of `features` as a grey tile: round(255 * (v - min) / (max - min)) over its own min and
/// max (all 0 when they are equal), in 3 channels as the contact sheet takes them.
core::Image feature_tile(const core::RealImage& features, int c);

/// "MIN -1.25" / "MAX 40.5": a value as a caption prints it (up to 6 significant digits).
std::string feature_value_text(double v);

/// The sheet: rows of up to feature_tiles_per_row tiles (compose_contact_sheet's layout per row, rows
/// stacked top to bottom), each tile captioned "C<c>", "MIN <min>", "MAX <max>".
core::Image compose_feature_sheet(const core::RealImage& features);

/// The size of compose_feature_sheet(features), worked out without drawing it.
core::Extent2 feature_sheet_size(const core::RealImage& features);

}  // namespace tconv::pictures
