// The partial scatter against stamps placed by hand, the frame grouping rule, and the crop parser.
#include <catch2/catch.hpp>

#include <vector>

#include "core/conv/partial_scatter.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/image/image_crop.hpp"
#include "core/kernel/kernel.hpp"

using namespace tconv;

namespace {

core::OutputShape plan(core::Extent2 in, core::Extent2 k, core::Extent2 s, std::int64_t p = 0) {
    core::Geometry g;
    g.kernel = k;
    g.stride = s;
    g.padding = core::Padding{core::PaddingMode::Explicit, p, p, p, p};
    return core::plan_output_shape(in, g);
}

std::vector<int> values(const core::Image& img) { return {img.pixels.begin(), img.pixels.end()}; }

}  // namespace

TEST_CASE("partial scatter: a 1x3 grey row, k2 s2, one stamp at a time", "[core][animate]") {
    // Pixels 10 20 30, kernel 1,2 (one row), stride 2: each stamp is (v, 2v) at columns 2j, 2j+1.
    const core::Image in = test::make_image(1, 3, 1, {10, 20, 30});
    const core::Kernel k = core::make_kernel(core::parse_kernel_spec("1,2"), std::nullopt, {1, 2});
    const core::OutputShape shape = plan({1, 3}, {1, 2}, {1, 2});
    core::PartialScatter s(in, k, shape);
    CHECK(values(s.quantised()) == std::vector<int>{0, 0, 0, 0, 0, 0});
    s.add_until(1);
    CHECK(values(s.quantised()) == std::vector<int>{10, 20, 0, 0, 0, 0});
    s.add_until(3);
    CHECK(s.added() == 3);
    CHECK(values(s.quantised()) == std::vector<int>{10, 20, 20, 40, 30, 60});
    CHECK(s.stamp_rect(1) == core::OutputRect{0, 2, 1, 4});
}

TEST_CASE("partial scatter: rows in order, overlaps add, the whole equals transposed_conv", "[core][animate]") {
    // 2x2, k3 s2 p1: stamps overlap on row/column 1; input (0, 1) lands before (1, 0) in row-major order.
    const core::Image in = test::make_image(2, 2, 1, {8, 16, 32, 64});
    const core::Kernel k = core::ones_kernel({3, 3});
    const core::OutputShape shape = plan({2, 2}, {3, 3}, {2, 2}, 1);
    REQUIRE(shape.out() == core::Extent2{3, 3});
    core::PartialScatter s(in, k, shape);
    s.add_until(2);
    // Window rows/cols 0..2 = full 1..3: pixel (0,0) covers full 0..2, (0,1) covers cols 2..4.
    CHECK(values(s.quantised()) == std::vector<int>{8, 24, 16, 8, 24, 16, 0, 0, 0});
    CHECK(s.stamp_rect(0) == core::OutputRect{0, 0, 2, 2});
    CHECK(s.stamp_rect(3) == core::OutputRect{1, 1, 3, 3});
    s.add_until(4);
    CHECK(values(s.quantised()) == values(core::transposed_conv(in, k, shape, 1)));
}

TEST_CASE("partial scatter: only zero edges", "[core][animate]") {
    core::Geometry g;
    g.kernel = {3, 3};
    g.edge = core::EdgeMode::Replicate;
    const core::Image in = test::make_image(1, 1, 1, {1});
    CHECK_THROWS_AS(core::PartialScatter(in, core::ones_kernel({3, 3}), core::plan_output_shape({1, 1}, g)), core::InvalidParams);
}

TEST_CASE("frame counts: floor(k * P / F), F = min(M, P)", "[core][animate]") {
    CHECK(core::frame_pixel_counts(16, 64) ==
          std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    CHECK(core::frame_pixel_counts(15, 4) == std::vector<std::int64_t>{0, 3, 7, 11, 15});
    CHECK(core::frame_pixel_counts(1, 64) == std::vector<std::int64_t>{0, 1});
    CHECK(core::frame_pixel_counts(65536, 64).size() == 65);
    CHECK(core::frame_pixel_counts(65536, 64)[1] == 1024);
}

TEST_CASE("bounding rect: the union of two, empty ones ignored", "[core][animate]") {
    CHECK(core::bounding_rect({}, {1, 2, 3, 4}) == core::OutputRect{1, 2, 3, 4});
    CHECK(core::bounding_rect({0, 5, 2, 9}, {1, 2, 3, 4}) == core::OutputRect{0, 2, 3, 9});
}

TEST_CASE("crop: Y,X,H,W parsed whole, cut out row by row", "[core][animate]") {
    const core::CropRect r = core::parse_crop("1,0,2,3");
    CHECK((r.y == 1 && r.x == 0 && r.h == 2 && r.w == 3));
    for (const char* bad : {"", "1,2,3", "1,2,3,4,5", "1,2,0,4", "-1,0,1,1", "1,2,3,4x", "a,b,c,d", "1,,2,3"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(core::parse_crop(bad), core::InvalidParams);
    }
    const core::Image in = test::make_image(3, 4, 1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    CHECK(values(core::crop_image(in, {1, 1, 2, 2})) == std::vector<int>{5, 6, 9, 10});
    CHECK_THROWS_AS(core::crop_image(in, {2, 0, 2, 1}), core::InvalidParams);
    CHECK_THROWS_AS(core::crop_image(in, {0, 3, 1, 2}), core::InvalidParams);
}
