// The slow twin: the fast gather path (1 and 4 threads) against the literal article scatter over
// hundreds of seeded random geometries, every padding form and channel count.
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/kernel.hpp"
#include "core/output_shape.hpp"
#include "core/transposed_conv.hpp"

namespace {

using namespace tconv;

struct Generator {
    std::mt19937_64 rng;
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    }
};

struct TwinCase {
    core::Image input;
    core::Kernel kernel;
    core::Geometry geometry;
    std::string description;
};

std::string describe(const core::Image& in, const core::Geometry& g) {
    const auto& p = g.padding;
    const char* mode = p.mode == core::PaddingMode::Valid ? "valid" : p.mode == core::PaddingMode::Same ? "same" : "pads";
    std::string s = "in " + std::to_string(in.height) + "x" + std::to_string(in.width) + "x" + std::to_string(in.channels) +
                    " k " + std::to_string(g.kernel.h) + "x" + std::to_string(g.kernel.w) + " s " +
                    std::to_string(g.stride.h) + "x" + std::to_string(g.stride.w) + " d " + std::to_string(g.dilation.h) +
                    "x" + std::to_string(g.dilation.w) + " " + mode + " " + std::to_string(p.top) + "," +
                    std::to_string(p.left) + "," + std::to_string(p.bottom) + "," + std::to_string(p.right);
    if (g.output_padding)
        s += " op " + std::to_string(g.output_padding->h) + "x" + std::to_string(g.output_padding->w);
    return s;
}

/// A random geometry with sizes 1..9, kernels 1..5, strides 1..4, dilations 1..3, one of the padding
/// forms (P, PHxPW, T,L,B,R, valid, same) and, half the time, a valid output padding.
core::Geometry random_geometry(Generator& gen) {
    core::Geometry g;
    g.kernel = {gen.between(1, 5), gen.between(1, 5)};
    g.stride = {gen.between(1, 4), gen.between(1, 4)};
    g.dilation = {gen.between(1, 3), gen.between(1, 3)};
    switch (gen.between(0, 4)) {
        case 0: {
            const auto p = gen.between(0, 3);
            g.padding = {core::PaddingMode::Explicit, p, p, p, p};
            break;
        }
        case 1: {
            const auto ph = gen.between(0, 3), pw = gen.between(0, 3);
            g.padding = {core::PaddingMode::Explicit, ph, pw, ph, pw};
            break;
        }
        case 2:
            g.padding = {core::PaddingMode::Explicit, gen.between(0, 4), gen.between(0, 4), gen.between(0, 4),
                         gen.between(0, 4)};
            break;
        case 3: g.padding = {core::PaddingMode::Valid}; break;
        default: g.padding = {core::PaddingMode::Same}; break;
    }
    if (gen.between(0, 1) == 1)
        g.output_padding = core::Extent2{gen.between(0, std::max(g.stride.h, g.dilation.h) - 1),
                                         gen.between(0, std::max(g.stride.w, g.dilation.w) - 1)};
    return g;
}

core::Image random_image(Generator& gen) {
    const std::int64_t h = gen.between(1, 9), w = gen.between(1, 9);
    const int c = static_cast<int>(gen.between(1, 4));
    core::Image img{h, w, c, {}};
    for (std::int64_t i = 0; i < h * w * c; ++i) img.pixels.push_back(static_cast<std::uint8_t>(gen.between(0, 255)));
    return img;
}

/// Runs `count` cases whose output size is valid (geometries that crop everything are drawn again)
/// and compares every pixel of the fast path (1 and 4 threads) with the scatter twin.
template <class MakeKernel>
int compare_twins(Generator& gen, int count, int tolerance, MakeKernel make_kernel) {
    int planned = 0, same_or_valid = 0, with_output_padding = 0;
    while (planned < count) {
        const core::Image in = random_image(gen);
        core::Geometry g = random_geometry(gen);
        core::OutputShape shape;
        try {
            shape = core::plan_output_shape(in.size(), g);
        } catch (const core::InvalidParams&) {
            continue;  // padding larger than the output: a usage error, covered by output_shape_test
        }
        const core::Kernel kernel = make_kernel(g.kernel);
        const std::string what = describe(in, g);
        const core::Image twin = core::transposed_conv_scatter(in, kernel, shape);
        test::check_pixels(core::transposed_conv(in, kernel, shape, 1), twin, what + " threads=1", tolerance);
        test::check_pixels(core::transposed_conv(in, kernel, shape, 4), twin, what + " threads=4", tolerance);
        ++planned;
        if (g.padding.mode != core::PaddingMode::Explicit) ++same_or_valid;
        if (g.output_padding) ++with_output_padding;
    }
    // The generator must really reach the forms it claims to cover.
    CHECK(same_or_valid > count / 5);
    CHECK(with_output_padding > count / 4);
    return planned;
}

}  // namespace

TEST_CASE("fast path equals the scatter twin exactly with dyadic kernels", "[core][twin]") {
    Generator gen{std::mt19937_64(0x7c0de)};
    // Weights k/8 in [-2, 2]: every product and sum is exact in float and in double, so the two paths
    // must agree bit for bit, clamping and half-away-from-zero rounding included.
    const int n = compare_twins(gen, 400, 0, [&](core::Extent2 size) {
        core::Kernel k{size, {}};
        for (std::int64_t i = 0; i < size.h * size.w; ++i)
            k.weights.push_back(static_cast<float>(gen.between(-16, 16)) / 8.0f);
        return k;
    });
    CHECK(n == 400);
}

TEST_CASE("fast path is within 1 of the scatter twin with arbitrary kernels", "[core][twin]") {
    Generator gen{std::mt19937_64(20240521)};
    // float vs double accumulation may differ in the last bits, which can flip a rounding at .5.
    const int n = compare_twins(gen, 200, 1, [&](core::Extent2 size) {
        core::Kernel k{size, {}};
        std::uniform_real_distribution<float> weight(-0.7f, 1.3f);
        for (std::int64_t i = 0; i < size.h * size.w; ++i) k.weights.push_back(weight(gen.rng));
        return k;
    });
    CHECK(n == 200);
}

TEST_CASE("named kernels agree between the twins", "[core][twin]") {
    Generator gen{std::mt19937_64(99)};
    compare_twins(gen, 60, 1, [](core::Extent2 size) { return core::bilinear_kernel(size); });
    compare_twins(gen, 60, 0, [](core::Extent2 size) { return core::ones_kernel(size); });
    compare_twins(gen, 60, 1, [](core::Extent2 size) { return core::gaussian_kernel(size, std::nullopt, {2, 2}); });
}
