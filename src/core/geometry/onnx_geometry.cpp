// onnx_geometry: the ConvTranspose operator's pad equations, per axis.
#include "core/geometry/onnx_geometry.hpp"

#include <string>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"

namespace tconv::core {
namespace {

std::int64_t floor_half(std::int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

struct AxisPads {
    std::int64_t begin = 0, end = 0, output_padding = 0;
};

AxisPads axis_pads(const OnnxAttributes& a, std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t dilation,
                   std::int64_t output_padding, std::int64_t target, const char* axis) {
    const std::int64_t total = checked_sub(
        checked_add(checked_add(checked_mul(stride, in - 1), output_padding), checked_add(checked_mul(dilation, kernel - 1), 1)),
        target);
    AxisPads p;
    if (a.auto_pad == OnnxAutoPad::SameUpper) {
        p.begin = floor_half(total);
        p.end = total - p.begin;
    } else {
        p.end = floor_half(total);
        p.begin = total - p.end;
    }
    if (p.begin < 0)
        throw InvalidParams(std::string(axis) + ": the ONNX node's output size " + std::to_string(target) + " needs " +
                            std::to_string(-p.begin) + " zeros before the output, which ConvTranspose cannot give");
    p.output_padding = output_padding;
    if (p.end < 0) {
        p.output_padding += -p.end;
        p.end = 0;
    }
    return p;
}

}  // namespace

bool onnx_pads_depend_on_input(const OnnxAttributes& a) {
    return a.output_shape.has_value() || a.auto_pad == OnnxAutoPad::SameUpper || a.auto_pad == OnnxAutoPad::SameLower;
}

Geometry onnx_geometry(const OnnxAttributes& a, Extent2 kernel, Extent2 in, EdgeMode edge) {
    Geometry g;
    g.kernel = kernel;
    g.stride = a.stride;
    g.dilation = a.dilation;
    g.edge = edge;
    g.output_padding = a.output_padding;
    if (onnx_pads_depend_on_input(a)) {
        const Extent2 target = a.output_shape.value_or(Extent2{checked_mul(in.h, a.stride.h), checked_mul(in.w, a.stride.w)});
        const AxisPads r = axis_pads(a, in.h, kernel.h, a.stride.h, a.dilation.h, a.output_padding.h, target.h, "rows");
        const AxisPads c = axis_pads(a, in.w, kernel.w, a.stride.w, a.dilation.w, a.output_padding.w, target.w, "columns");
        g.padding = {PaddingMode::Explicit, r.begin, c.begin, r.end, c.end};
        g.output_padding = Extent2{r.output_padding, c.output_padding};
    } else if (a.auto_pad == OnnxAutoPad::NotSet) {
        g.padding = {PaddingMode::Explicit, a.pads[0], a.pads[1], a.pads[2], a.pads[3]};
    }
    validate_geometry(g);
    return g;
}

}  // namespace tconv::core
