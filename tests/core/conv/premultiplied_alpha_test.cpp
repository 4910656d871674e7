// --alpha premultiplied on pictures small enough to check by hand: a transparent red pixel beside an
// opaque green one, as an icon's hidden colours sit beside its visible ones.
#include <catch2/catch.hpp>

#include "core/conv/premultiplied_alpha.hpp"
#include "core/conv/real_conv.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;

/// 1x3 bilinear taps 0.5, 1, 0.5 along the row, stride 2, padding 1: a 1x2 input becomes 1x3, the
/// middle pixel half of each input pixel.
core::OutputShape halfway_shape(core::Extent2 in) {
    core::Geometry g;
    g.kernel = {1, 3};
    g.stride = {1, 2};
    g.padding = core::Padding{core::PaddingMode::Explicit, 0, 1, 0, 1};
    return core::plan_output_shape(in, g);
}

const core::Kernel halfway{{1, 3}, {0.5f, 1.0f, 0.5f}};

}  // namespace

TEST_CASE("straight alpha lets a hidden red bleed into the halfway pixel", "[core][alpha]") {
    const core::Image in = test::make_image(1, 2, 4, {255, 0, 0, 0, /**/ 0, 255, 0, 255});
    const core::Image out = core::transposed_conv(in, halfway, halfway_shape(in.size()), 1);
    test::check_pixels(out, test::make_image(1, 3, 4, {255, 0, 0, 0, /**/ 128, 128, 0, 128, /**/ 0, 255, 0, 255}), "straight");
}

TEST_CASE("premultiplied alpha keeps the halfway pixel green and the transparent one black", "[core][alpha]") {
    const core::Image in = test::make_image(1, 2, 4, {255, 0, 0, 0, /**/ 0, 255, 0, 255});
    const core::Image out = core::quantised_image(core::transposed_conv_premultiplied(in, halfway, halfway_shape(in.size()), 1));
    // A = 0, 127.5, 255; green C = 0, 127.5, 255: colour C * 255 / A where A > 0, else 0.
    test::check_pixels(out, test::make_image(1, 3, 4, {0, 0, 0, 0, /**/ 0, 255, 0, 128, /**/ 0, 255, 0, 255}), "premultiplied");
}

TEST_CASE("premultiplied alpha on grey+alpha weights the grey by alpha", "[core][alpha]") {
    // Grey 200 at alpha 51 (a fifth) beside grey 0 at alpha 255: the halfway grey is
    // (200 * 0.2 * 0.5 + 0) / (0.5 * (51 + 255) / 255) = 20 / 0.6 = 33.33.
    const core::Image in = test::make_image(1, 2, 2, {200, 51, /**/ 0, 255});
    const core::Image out = core::quantised_image(core::transposed_conv_premultiplied(in, halfway, halfway_shape(in.size()), 1));
    test::check_pixels(out, test::make_image(1, 3, 2, {200, 51, /**/ 33, 153, /**/ 0, 255}), "grey+alpha");
}

TEST_CASE("premultiplied alpha needs an alpha channel", "[core][alpha]") {
    const core::Image rgb = test::make_image(1, 2, 3, {1, 2, 3, 4, 5, 6});
    CHECK_THROWS_AS(core::transposed_conv_premultiplied(rgb, halfway, halfway_shape(rgb.size()), 1), core::InvalidParams);
}
