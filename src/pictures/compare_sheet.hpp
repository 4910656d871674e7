// The sheet of `tconv compare`: the input, the transposed convolution, the resize-convolution of the
// same size and both phase-gain maps, side by side with their captions.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "core/image/image.hpp"
#include "core/kernel/phase_gains.hpp"
#include "pictures/contact_sheet.hpp"

namespace tconv::pictures {

/// The panels in sheet order, by name.
inline constexpr std::array<const char*, 5> compare_panel_names{"input", "transposed", "resize", "tconv_gains", "resize_gains"};

/// What the sheet shows. The two outputs have the same size; the gain maps are drawn at that size.
struct ComparePictures {
    core::Image input;
    core::Image transposed;
    core::Image resized;
    core::PhaseGainTable transposed_gains;
    core::PhaseGainTable resize_gains;
    core::Extent2 phase_begin;                         ///< the transposed convolution's crop_begin per axis
    std::array<std::vector<std::string>, 5> captions;  ///< per panel, in compare_panel_names order
};

/// The composed sheet, where each panel's image went, and the enlargement of each (1: none).
struct CompareSheet {
    core::Image sheet;
    SheetLayout layout;
    std::array<core::Extent2, 5> panel_sizes;  ///< each panel image's size on the sheet
    std::array<std::int64_t, 5> factors;       ///< each panel's view_factor
};

/// Each panel is enlarged_view of its picture (RGB; the gain maps phase_gain_image in grey), so
/// cell (y, x) of a panel with factor f > 1 starts at 1 + y*(f+1), 1 + x*(f+1) inside it.
CompareSheet compose_compare_sheet(const ComparePictures& pictures);

}  // namespace tconv::pictures
