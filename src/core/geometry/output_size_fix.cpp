// Output size fixes: candidates are computed from the full buffer's size and then checked by
// solve_output_padding, so the answer always agrees with what --output-size accepts.
#include "core/geometry/output_size_fix.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/geometry/output_size_target.hpp"

namespace tconv::core {
namespace {

std::optional<Extent2> try_solve(Extent2 in, const Geometry& g, Extent2 wanted) {
    try {
        return solve_output_padding(in, g, wanted);
    } catch (const InvalidParams&) {
        return std::nullopt;
    }
}

/// The smallest p >= 0 with full - 2p <= wanted: each padding row and column is cropped twice.
std::int64_t padding_towards(std::int64_t full, std::int64_t wanted) {
    return std::max<std::int64_t>(0, (full - wanted + 1) / 2);
}

}  // namespace

OutputSizeFix find_output_size_fix(Extent2 in, const Geometry& geometry, Extent2 wanted) {
    OutputSizeFix fix;
    fix.output_padding = try_solve(in, geometry, wanted);
    if (fix.output_padding) return fix;
    Geometry g = geometry;
    g.padding = Padding{PaddingMode::Explicit, 0, 0, 0, 0};
    g.output_padding.reset();
    const ReachableSizes unpadded = reachable_output_sizes(in, g);  // min is the full buffer
    const Extent2 p{padding_towards(unpadded.rows.min, wanted.h), padding_towards(unpadded.cols.min, wanted.w)};
    g.padding = Padding{PaddingMode::Explicit, p.h, p.w, p.h, p.w};
    if (const auto op = try_solve(in, g, wanted)) fix.padding = PaddingFix{p, *op};
    return fix;
}

}  // namespace tconv::core
