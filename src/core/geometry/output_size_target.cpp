// Output-size targets and the forward convolution size, on top of plan_axis' arithmetic.
#include "core/geometry/output_size_target.hpp"

#include <string>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"

namespace tconv::core {
namespace {

SizeRange reachable_axis(const char* name, std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t dilation,
                         PaddingMode mode, std::int64_t pad_begin, std::int64_t pad_end) {
    try {
        // Planned with the largest output padding so that a minimum below 1 still gives a range;
        // stride - 1 < max(stride, dilation) always passes plan_axis' check.
        const AxisShape largest = plan_axis(in, kernel, stride, dilation, mode, pad_begin, pad_end, stride - 1);
        return {largest.out - (stride - 1), largest.out};
    } catch (const InvalidParams& e) {
        throw InvalidParams(std::string(name) + ": " + e.what());
    }
}

std::int64_t solve_axis(const char* name, const SizeRange& r, std::int64_t in, std::int64_t wanted) {
    if (wanted < r.min || wanted > r.max)
        throw InvalidParams(std::string(name) + ": output size " + std::to_string(wanted) + " cannot be reached from " +
                            std::to_string(in) + ": the sizes reachable by output padding are " + std::to_string(r.min) + " to " +
                            std::to_string(r.max) + " (min to min + stride - 1)");
    return wanted - r.min;
}

ConvAxisSize conv_axis(const char* name, std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t dilation,
                       std::int64_t pad_begin, std::int64_t pad_end) {
    ConvAxisSize c{in, kernel, dilation, 0, pad_begin, pad_end, stride, 0, 0};
    c.k_eff = checked_add(checked_mul(dilation, kernel - 1), 1);
    const std::int64_t span = checked_sub(checked_add(checked_add(in, pad_begin), pad_end), c.k_eff);
    if (span < 0)
        throw InvalidParams(std::string(name) + ": the padded input " + std::to_string(in + pad_begin + pad_end) +
                            " is smaller than the kernel " + std::to_string(c.k_eff));
    c.out = 1 + span / stride;
    c.remainder = span % stride;
    return c;
}

}  // namespace

ReachableSizes reachable_output_sizes(Extent2 in, const Geometry& g) {
    const Padding& p = g.padding;
    return {reachable_axis("rows", in.h, g.kernel.h, g.stride.h, g.dilation.h, p.mode, p.top, p.bottom),
            reachable_axis("columns", in.w, g.kernel.w, g.stride.w, g.dilation.w, p.mode, p.left, p.right)};
}

Extent2 solve_output_padding(Extent2 in, const Geometry& g, Extent2 wanted) {
    const ReachableSizes r = reachable_output_sizes(in, g);
    return {solve_axis("rows", r.rows, in.h, wanted.h), solve_axis("columns", r.cols, in.w, wanted.w)};
}

OutputShape plan_output_shape_to_size(Extent2 in, Geometry g, Extent2 wanted) {
    g.output_padding = solve_output_padding(in, g, wanted);
    return plan_output_shape(in, g);
}

ConvSize forward_conv_size(Extent2 in, const Geometry& g) {
    const Padding& p = g.padding;
    if (p.mode != PaddingMode::Explicit)
        throw InvalidParams("the forward convolution size needs numeric padding (P, PHxPW or T,L,B,R), not valid/same");
    validate_geometry(g);
    return {conv_axis("rows", in.h, g.kernel.h, g.stride.h, g.dilation.h, p.top, p.bottom),
            conv_axis("columns", in.w, g.kernel.w, g.stride.w, g.dilation.w, p.left, p.right)};
}

}  // namespace tconv::core
