// onnx_geometry: the output sizes of ONNX's own ConvTranspose test cases (the onnx project's
// onnx/backend/test/case/node/convtranspose.py) and the SAME_UPPER / SAME_LOWER split.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/geometry/onnx_geometry.hpp"

using namespace tconv;

namespace {

core::Extent2 out_of(const core::OnnxAttributes& a, core::Extent2 kernel, core::Extent2 in) {
    return core::plan_output_shape(in, core::onnx_geometry(a, kernel, in, core::EdgeMode::Zero)).out();
}

}  // namespace

TEST_CASE("onnx_geometry gives the sizes of ONNX's ConvTranspose test cases", "[core][layer]") {
    core::OnnxAttributes pads;  // convtranspose_pads: strides 3,2, pads 1,2,1,2 -> 7x3
    pads.stride = {3, 2};
    pads.pads = {1, 2, 1, 2};
    CHECK(out_of(pads, {3, 3}, {3, 3}) == core::Extent2{7, 3});
    core::OnnxAttributes dilations;  // convtranspose_dilations: 2x2 kernel, dilations 2,2 -> 5x5
    dilations.dilation = {2, 2};
    CHECK(out_of(dilations, {2, 2}, {3, 3}) == core::Extent2{5, 5});
    core::OnnxAttributes shape;  // convtranspose_output_shape: strides 3,2, output_shape 10,8
    shape.stride = {3, 2};
    shape.output_shape = core::Extent2{10, 8};
    const core::Geometry g = core::onnx_geometry(shape, {3, 3}, {3, 3}, core::EdgeMode::Zero);
    CHECK(g.padding == core::Padding{core::PaddingMode::Explicit, 0, 0, 0, 0});
    CHECK(g.output_padding == core::Extent2{1, 1});  // total padding -1: the end extended by one
    CHECK(out_of(shape, {3, 3}, {3, 3}) == core::Extent2{10, 8});
    core::OnnxAttributes op;  // convtranspose_kernel_shape / output_padding: strides 3,2, op 1,1 -> 10x8
    op.stride = {3, 2};
    op.output_padding = {1, 1};
    CHECK(out_of(op, {3, 3}, {3, 3}) == core::Extent2{10, 8});
}

TEST_CASE("onnx_geometry splits SAME padding as the operator does", "[core][layer]") {
    core::OnnxAttributes upper;  // convtranspose_autopad_same: strides 2,2 -> 6x6, total padding 1
    upper.stride = {2, 2};
    upper.auto_pad = core::OnnxAutoPad::SameUpper;
    const core::Geometry u = core::onnx_geometry(upper, {3, 3}, {3, 3}, core::EdgeMode::Zero);
    CHECK(u.padding == core::Padding{core::PaddingMode::Explicit, 0, 0, 1, 1});
    CHECK(out_of(upper, {3, 3}, {3, 3}) == core::Extent2{6, 6});
    core::OnnxAttributes lower = upper;
    lower.auto_pad = core::OnnxAutoPad::SameLower;
    CHECK(core::onnx_geometry(lower, {3, 3}, {3, 3}, core::EdgeMode::Zero).padding ==
          core::Padding{core::PaddingMode::Explicit, 1, 1, 0, 0});
    CHECK(core::onnx_pads_depend_on_input(lower));
    core::OnnxAttributes valid;
    valid.auto_pad = core::OnnxAutoPad::Valid;
    valid.pads = {1, 1, 1, 1};  // ignored under VALID
    CHECK_FALSE(core::onnx_pads_depend_on_input(valid));
    CHECK(out_of(valid, {3, 3}, {4, 5}) == core::Extent2{6, 7});
}

TEST_CASE("onnx_geometry refuses an output_shape that needs zeros before the output", "[core][layer]") {
    core::OnnxAttributes a;
    a.auto_pad = core::OnnxAutoPad::SameUpper;
    a.output_shape = core::Extent2{9, 5};  // rows: total 2 + 3 - 9 = -4 -> begin -2
    CHECK_THROWS_WITH(core::onnx_geometry(a, {3, 3}, {3, 3}, core::EdgeMode::Zero),
                      "rows: the ONNX node's output size 9 needs 2 zeros before the output, which ConvTranspose cannot give");
}
