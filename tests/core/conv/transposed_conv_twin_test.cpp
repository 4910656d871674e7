// The slow twin: the fast gather path (1 and 4 threads, the planner's own strategy) against the literal
// article scatter over hundreds of seeded random geometries, every padding form and channel count.
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;

/// Runs `count` cases whose output size is valid (geometries that crop everything are drawn again)
/// and compares every pixel of the fast path (1 and 4 threads) with the scatter twin.
template <class MakeKernel>
void compare_twins(test::Rng& rng, int count, int tolerance, MakeKernel make_kernel) {
    int planned = 0, same_or_valid = 0, with_output_padding = 0, with_edges = 0;
    while (planned < count) {
        const std::int64_t h = rng.between(1, 9);  // one draw per statement: argument order is unspecified
        const std::int64_t w = rng.between(1, 9);
        const int channels = static_cast<int>(rng.between(1, 4));
        const core::Image in = test::random_image(rng, h, w, channels);
        const core::Geometry g = test::random_geometry(rng);
        core::OutputShape shape;
        try {
            shape = core::plan_output_shape(in.size(), g);
        } catch (const core::InvalidParams&) {
            continue;  // padding larger than the output: a usage error, covered by output_shape_test
        }
        const core::Kernel kernel = make_kernel(g.kernel);
        const std::string what = test::describe(in, g);
        const core::Image twin = core::transposed_conv_scatter(in, kernel, shape);
        test::check_pixels(core::transposed_conv(in, kernel, shape, 1), twin, what + " threads=1", tolerance);
        test::check_pixels(core::transposed_conv(in, kernel, shape, 4), twin, what + " threads=4", tolerance);
        ++planned;
        if (g.padding.mode != core::PaddingMode::Explicit) ++same_or_valid;
        if (g.output_padding) ++with_output_padding;
        if (g.edge != core::EdgeMode::Zero) ++with_edges;
    }
    // The generator must really reach the forms it claims to cover.
    CHECK(same_or_valid > count / 5);
    CHECK(with_output_padding > count / 4);
    CHECK(with_edges > count / 2);
}

}  // namespace

TEST_CASE("fast path equals the scatter twin exactly with dyadic kernels", "[core][twin]") {
    test::Rng rng{std::mt19937_64(0x7c0de)};
    // Weights k/8 in [-2, 2]: every product and sum is exact in float and in double, so the two paths
    // must agree bit for bit, clamping and half-away-from-zero rounding included.
    compare_twins(rng, 400, 0, [&](core::Extent2 size) {
        core::Kernel k{size, {}};
        for (std::int64_t i = 0; i < size.h * size.w; ++i) k.weights.push_back(static_cast<float>(rng.between(-16, 16)) / 8.0f);
        return k;
    });
}

TEST_CASE("fast path is within 1 of the scatter twin with arbitrary kernels", "[core][twin]") {
    test::Rng rng{std::mt19937_64(20240521)};
    // float vs double accumulation may differ in the last bits, which can flip a rounding at .5.
    compare_twins(rng, 200, 1, [&](core::Extent2 size) {
        core::Kernel k{size, {}};
        std::uniform_real_distribution<float> weight(-0.7f, 1.3f);
        for (std::int64_t i = 0; i < size.h * size.w; ++i) k.weights.push_back(weight(rng.engine));
        return k;
    });
}

TEST_CASE("named kernels agree between the twins", "[core][twin]") {
    test::Rng rng{std::mt19937_64(99)};
    compare_twins(rng, 60, 1, [](core::Extent2 size) { return core::bilinear_kernel(size); });
    compare_twins(rng, 60, 0, [](core::Extent2 size) { return core::ones_kernel(size); });
    compare_twins(rng, 60, 1, [](core::Extent2 size) { return core::gaussian_kernel(size, std::nullopt, {2, 2}); });
}
