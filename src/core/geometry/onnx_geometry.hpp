// An ONNX ConvTranspose node's geometry attributes as tconv's Geometry: explicit pads directly, and
// auto_pad SAME_UPPER / SAME_LOWER and output_shape through the ONNX operator's own equations, which
// depend on the input size.
#pragma once
#include <array>
#include <cstdint>
#include <optional>

#include "core/geometry/output_shape.hpp"

namespace tconv::core {

enum class OnnxAutoPad { NotSet, SameUpper, SameLower, Valid };

/// The attributes with ONNX's defaults filled in (strides, dilations 1; pads, output_padding 0).
struct OnnxAttributes {
    Extent2 stride{1, 1};
    Extent2 dilation{1, 1};
    Extent2 output_padding{0, 0};
    std::array<std::int64_t, 4> pads{};  ///< begin_h, begin_w, end_h, end_w
    OnnxAutoPad auto_pad = OnnxAutoPad::NotSet;
    std::optional<Extent2> output_shape;
};

/// Whether the pads depend on the input size (auto_pad SAME_UPPER or SAME_LOWER, or output_shape).
bool onnx_pads_depend_on_input(const OnnxAttributes& a);

/// The geometry of the node on an input of `in` pixels (`kernel` the weight's kH x kW). With
/// output_shape, or auto_pad SAME_* (output_shape = in * stride), per axis total = stride * (in - 1) +
/// output_padding + dilation * (kernel - 1) + 1 - output_shape, split as the operator does: SAME_UPPER
/// begin = floor(total / 2), end = total - begin; otherwise end = floor(total / 2), begin = total -
/// end; a negative end extends the output (output padding), as in ONNX's reference implementation.
/// VALID is pads 0; NOTSET the pads attribute. Throws InvalidParams naming the axis when the begin
/// pad would be negative (zeros before the buffer) or the geometry is invalid (validate_geometry).
Geometry onnx_geometry(const OnnxAttributes& a, Extent2 kernel, Extent2 in, EdgeMode edge);

}  // namespace tconv::core
