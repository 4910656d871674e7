// core::scale_geometry: --scale's recipe, bilinear (the interpolating size, half the stride of padding,
// replicated edges) or nearest neighbour (ones), per axis.
#include <catch2/catch.hpp>

#include "core/conv/scale_geometry.hpp"

using namespace tconv::core;

TEST_CASE("scale_geometry with bilinear: k = 2s - s%2, padding s/2, edges replicated", "[core][scale]") {
    const auto x2 = scale_geometry(KernelKind::Bilinear, {2, 2});
    REQUIRE(x2);
    CHECK(x2->kernel == Extent2{4, 4});
    CHECK(x2->stride == Extent2{2, 2});
    CHECK(x2->padding == Padding{PaddingMode::Explicit, 1, 1, 1, 1});
    CHECK(x2->edge == EdgeMode::Replicate);
    const auto x3by4 = scale_geometry(KernelKind::Bilinear, {3, 4});
    REQUIRE(x3by4);
    CHECK(x3by4->kernel == Extent2{5, 8});
    CHECK(x3by4->padding == Padding{PaddingMode::Explicit, 1, 2, 1, 2});
}

TEST_CASE("scale_geometry with ones: a kernel of s at stride s, no padding, no edge of its own", "[core][scale]") {
    const auto x3 = scale_geometry(KernelKind::Ones, {3, 3});
    REQUIRE(x3);
    CHECK(x3->kernel == Extent2{3, 3});
    CHECK(x3->stride == Extent2{3, 3});
    CHECK(x3->padding == Padding{});
    CHECK_FALSE(x3->edge);
}

TEST_CASE("scale_geometry has no recipe for other kernels", "[core][scale]") {
    CHECK_FALSE(scale_geometry(KernelKind::Gaussian, {2, 2}));
    CHECK_FALSE(scale_geometry(KernelKind::Matrix, {2, 2}));
}
