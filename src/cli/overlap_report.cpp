// Overlap wording: the ratio kernel/stride, the interior count range, and which axes are uneven.
#include "cli/overlap_report.hpp"

#include <fmt/format.h>

#include "cli/diagnostics.hpp"

namespace tconv::cli {
namespace {

struct AxisGeometry {
    std::int64_t kernel, stride, dilation;
    bool operator==(const AxisGeometry&) const = default;
};

std::string interior_text(const core::CountRange& r) {
    return fmt::format("{} to {} input pixels per output pixel away from the borders", r.min, r.max);
}

}  // namespace

std::string overlap_ratio(std::int64_t kernel, std::int64_t stride, std::int64_t dilation) {
    const std::int64_t k_eff = dilation * (kernel - 1) + 1;
    const double ratio = static_cast<double>(k_eff) / static_cast<double>(stride);
    if (dilation == 1) return fmt::format("kernel {} / stride {} = {:g}", kernel, stride, ratio);
    return fmt::format("effective kernel {} (dilation {}) / stride {} = {:g}", k_eff, dilation, stride, ratio);
}

std::optional<std::string> uneven_overlap_warning(const core::Geometry& g) {
    const AxisGeometry rows{g.kernel.h, g.stride.h, g.dilation.h};
    const AxisGeometry cols{g.kernel.w, g.stride.w, g.dilation.w};
    const core::CountRange row_counts = core::interior_overlap(rows.kernel, rows.stride, rows.dilation);
    const core::CountRange col_counts = core::interior_overlap(cols.kernel, cols.stride, cols.dilation);
    const bool rows_uneven = row_counts.min != row_counts.max;
    const bool cols_uneven = col_counts.min != col_counts.max;
    if (!rows_uneven && !cols_uneven) return std::nullopt;
    auto axis = [](const char* name, const AxisGeometry& a, const core::CountRange& r) {
        return fmt::format("{}: {}, {}", name, overlap_ratio(a.kernel, a.stride, a.dilation), interior_text(r));
    };
    std::string detail;
    if (rows_uneven && cols_uneven && rows == cols)
        detail = axis("rows and columns", rows, row_counts);
    else if (rows_uneven && cols_uneven)
        detail = axis("rows", rows, row_counts) + "; " + axis("columns", cols, col_counts);
    else if (rows_uneven)
        detail = axis("rows", rows, row_counts);
    else
        detail = axis("columns", cols, col_counts);
    return warning_line("uneven overlap (checkerboard artefacts): " + detail);
}

std::string axis_overlap_line(const char* axis, const char* unit, const core::AxisShape& shape, const core::AxisOverlap& o) {
    return fmt::format("{}: {}: {}; {} to {} input {}s per output {} away from the borders, {} to {} over all {} {}s", axis,
                       overlap_ratio(shape.kernel, shape.stride, shape.dilation),
                       o.interior.min == o.interior.max ? "even" : "uneven", o.interior.min, o.interior.max, unit, unit,
                       o.over_output.min, o.over_output.max, shape.out, unit);
}

}  // namespace tconv::cli
