// The compare sheet: five views, one contact sheet.
#include "pictures/compare_sheet.hpp"

#include "pictures/phase_gain_image.hpp"
#include "pictures/view.hpp"

namespace tconv::pictures {

CompareSheet compose_compare_sheet(const ComparePictures& p) {
    const core::Extent2 out = p.transposed.size();
    const std::array<core::Image, 5> images{p.input, p.transposed, p.resized,
                                            phase_gain_image(p.transposed_gains, out, p.phase_begin),
                                            phase_gain_image(p.resize_gains, out, {0, 0})};
    CompareSheet result;
    std::vector<SheetPanel> panels;
    for (std::size_t n = 0; n < images.size(); ++n) {
        panels.push_back({enlarged_view(images[n]), p.captions[n]});
        result.panel_sizes[n] = panels.back().image.size();
        result.factors[n] = view_factor(images[n].size());
    }
    result.layout = contact_sheet_layout(panels);
    result.sheet = compose_contact_sheet(panels);
    return result;
}

}  // namespace tconv::pictures
