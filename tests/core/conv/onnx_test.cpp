// The 2-D cases of the ONNX backend tests for ConvTranspose (in the onnx project's repository,
// onnx/backend/test/case/node/convtranspose.py), with their published inputs and expected outputs.
// All are integer-valued and inside [0, 255], so the 8-bit outputs must equal ONNX's float outputs
// exactly.
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;
using Plane = std::vector<int>;

/// An image from per-channel planes (ONNX's NCHW layout), interleaved as core::Image stores them.
core::Image from_planes(std::int64_t h, std::int64_t w, const std::vector<Plane>& planes) {
    std::vector<int> v;
    for (std::int64_t i = 0; i < h * w; ++i)
        for (const Plane& p : planes) v.push_back(p[static_cast<std::size_t>(i)]);
    return test::make_image(h, w, static_cast<int>(planes.size()), v);
}

/// Runs the case through both paths and compares with ONNX's expected output.
void check_onnx(const std::string& name, const core::Image& x, const core::Kernel& w, const core::Geometry& g,
                const core::Image& y) {
    CAPTURE(name);
    const core::OutputShape shape = core::plan_output_shape(x.size(), g);
    REQUIRE(shape.out() == y.size());
    test::check_pixels(core::transposed_conv(x, w, shape, 1), y, name + " (threads=1)");
    test::check_pixels(core::transposed_conv(x, w, shape, 2), y, name + " (threads=2)");
    test::check_pixels(core::transposed_conv_scatter(x, w, shape), y, name + " (scatter)");
}

core::Geometry geometry(core::Extent2 kernel, const char* stride, const char* padding, const char* output_padding,
                        const char* dilation = "1") {
    core::Geometry g;
    g.kernel = kernel;
    g.stride = core::parse_extent(stride, 1);
    g.dilation = core::parse_extent(dilation, 1);
    g.padding = core::parse_padding(padding);
    if (output_padding) g.output_padding = core::parse_extent(output_padding, 0);
    core::validate_geometry(g);
    return g;
}

// x of most cases: (1, 1, 3, 3) = 0..8; W: (1, 2, 3, 3) all ones. ONNX's two output maps use the same
// all-ones kernel, so they are equal; here the input is given twice (2 channels) and both maps are checked.
const Plane x_0_to_8{0, 1, 2, 3, 4, 5, 6, 7, 8};

// test_convtranspose: (1, 2, 5, 5), both maps alike.
const Plane y_plain{0, 1,  3,  3,  2,   //
                    3, 8,  15, 12, 7,   //
                    9, 21, 36, 27, 15,  //
                    9, 20, 33, 24, 13,  //
                    6, 13, 21, 15, 8};

// test_convtranspose_output_shape / _pad / _kernel_shape: strides [3, 2], (1, 2, 10, 8).
const Plane y_strides_3x2_10x8{0, 0, 1,  1, 3,  2, 2, 0,  //
                               0, 0, 1,  1, 3,  2, 2, 0,  //
                               0, 0, 1,  1, 3,  2, 2, 0,  //
                               3, 3, 7,  4, 9,  5, 5, 0,  //
                               3, 3, 7,  4, 9,  5, 5, 0,  //
                               3, 3, 7,  4, 9,  5, 5, 0,  //
                               6, 6, 13, 7, 15, 8, 8, 0,  //
                               6, 6, 13, 7, 15, 8, 8, 0,  //
                               6, 6, 13, 7, 15, 8, 8, 0,  //
                               0, 0, 0,  0, 0,  0, 0, 0};

}  // namespace

TEST_CASE("ONNX test_convtranspose (plain)", "[core][onnx]") {
    check_onnx("test_convtranspose", from_planes(3, 3, {x_0_to_8, x_0_to_8}), core::ones_kernel({3, 3}),
               geometry({3, 3}, "1", "0", nullptr), from_planes(5, 5, {y_plain, y_plain}));
}

TEST_CASE("ONNX test_convtranspose_1d as a 1-row image", "[core][onnx]") {
    // x (1, 1, 3) = 0, 1, 2; W (1, 2, 3) all ones; y (1, 2, 5) = 0, 1, 3, 3, 2 twice.
    check_onnx("test_convtranspose_1d", from_planes(1, 3, {{0, 1, 2}}), core::ones_kernel({1, 3}),
               geometry({1, 3}, "1", "0", nullptr), from_planes(1, 5, {{0, 1, 3, 3, 2}}));
}

TEST_CASE("ONNX output_shape [10, 8], output_padding [1, 1] and kernel_shape cases", "[core][onnx]") {
    // strides [3, 2] give a 9x7 full output; ONNX's output_shape [10, 8] is output padding 1x1 here
    // (test_convtranspose_output_shape), which is test_convtranspose_pad and _kernel_shape directly.
    const core::Image x = from_planes(3, 3, {x_0_to_8, x_0_to_8});
    const core::Image y = from_planes(10, 8, {y_strides_3x2_10x8, y_strides_3x2_10x8});
    check_onnx("test_convtranspose_output_shape", x, core::ones_kernel({3, 3}), geometry({3, 3}, "3x2", "0", "1"), y);
    check_onnx("test_convtranspose_pad", x, core::ones_kernel({3, 3}), geometry({3, 3}, "3x2", "0", "1x1"), y);
    check_onnx("test_convtranspose_kernel_shape", x, core::ones_kernel({3, 3}), geometry({3, 3}, "3x2", "0,0,0,0", "1x1"), y);
}

TEST_CASE("ONNX test_convtranspose_pads: strides [3, 2], pads [1, 2, 1, 2]", "[core][onnx]") {
    // ONNX pads order is x1_begin, x2_begin, x1_end, x2_end = top, left, bottom, right: tconv's T,L,B,R.
    const Plane y{1,  1, 3,   //
                  1,  1, 3,   //
                  7,  4, 9,   //
                  7,  4, 9,   //
                  7,  4, 9,   //
                  13, 7, 15,  //
                  13, 7, 15};
    check_onnx("test_convtranspose_pads", from_planes(3, 3, {x_0_to_8, x_0_to_8}), core::ones_kernel({3, 3}),
               geometry({3, 3}, "3x2", "1,2,1,2", nullptr), from_planes(7, 3, {y, y}));
}

TEST_CASE("ONNX test_convtranspose_dilations: 2x2 kernel, dilations [2, 2]", "[core][onnx]") {
    const core::Image x = from_planes(3, 3, {{3, 8, 1, 9, 5, 7, 3, 2, 6}});
    const core::Kernel w = core::parse_kernel_spec("7,2;1,9").matrix;
    const Plane y{21, 56, 13, 16, 2,   //
                  63, 35, 67, 10, 14,  //
                  24, 22, 76, 76, 21,  //
                  9,  5,  88, 45, 63,  //
                  3,  2,  33, 18, 54};
    check_onnx("test_convtranspose_dilations", x, w, geometry({2, 2}, "1", "0", nullptr, "2"), from_planes(5, 5, {y}));
}

TEST_CASE("ONNX test_convtranspose_autopad_same: auto_pad SAME_UPPER, strides [2, 2]", "[core][onnx]") {
    // Full output 7x7, output 3*2 = 6: the one surplus row/column is dropped at the end. Keras 'same'
    // (floor(P/2) at the start) and the explicit pads 0,0,1,1 both give ONNX's published result.
    const Plane y{0, 0, 1,  1,  3,  2,   //
                  0, 0, 1,  1,  3,  2,   //
                  3, 3, 8,  5,  12, 7,   //
                  3, 3, 7,  4,  9,  5,   //
                  9, 9, 20, 11, 24, 13,  //
                  6, 6, 13, 7,  15, 8};
    const core::Image x = from_planes(3, 3, {x_0_to_8, x_0_to_8});
    const core::Image out = from_planes(6, 6, {y, y});
    check_onnx("autopad_same as same", x, core::ones_kernel({3, 3}), geometry({3, 3}, "2", "same", nullptr), out);
    check_onnx("autopad_same as 0,0,1,1", x, core::ones_kernel({3, 3}), geometry({3, 3}, "2", "0,0,1,1", nullptr), out);
}

TEST_CASE("ONNX test_convtranspose_group_2: group = channels, one shared kernel", "[core][onnx]") {
    // x (1, 2, 3, 3) = 0..17, W (2, 1, 3, 3) all ones, group 2: each channel is transposed-convolved on
    // its own, which is tconv's per-channel rule. Channel 0 sees 0..8, so its map is test_convtranspose's
    // published output. Channel 1 sees 9..17 = (0..8) + 9: by linearity its map is that output plus 9 times
    // the overlap count of the 3x3 footprints (1 2 3 2 1 / 2 4 6 4 2 / 3 6 9 6 3 / ...), worked out by hand.
    const Plane x1{9, 10, 11, 12, 13, 14, 15, 16, 17};
    const Plane y1{9,  19, 30,  21, 11,  //
                   21, 44, 69,  48, 25,  //
                   36, 75, 117, 81, 42,  //
                   27, 56, 87,  60, 31,  //
                   15, 31, 48,  33, 17};
    check_onnx("test_convtranspose_group_2", from_planes(3, 3, {x_0_to_8, x1}), core::ones_kernel({3, 3}),
               geometry({3, 3}, "1", "0", nullptr), from_planes(5, 5, {y_plain, y1}));
}
