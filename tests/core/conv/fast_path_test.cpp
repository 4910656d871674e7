// Each strategy of the fast path against the literal scatter twin: the planner's own choices over
// generated geometries (and that it makes every choice on its own), every strategy forced where it
// applies, the capped row cache, partial row ranges; and the vectorised row quantiser against
// quantise(). Every check runs with the SIMD loops on and off.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/conv_plan.hpp"
#include "core/conv/row_convolver.hpp"
#include "core/conv/strategies/quantise_row.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/quantise.hpp"
#include "core/kernel/kernel.hpp"
#include "core/simd_modes.hpp"

namespace {

using namespace tconv;
using core::ConvStrategy;

/// Dyadic values with few significant bits: every product and sum below is exact in float, so the fast
/// path (float) and the twin (double) must agree to the last bit, hence on every quantised pixel.
const std::vector<float> dyadic_values{-1.0f, -0.5f, -0.25f, 0.0f, 0.125f, 0.25f, 0.5f, 0.75f, 1.0f, 1.5f, 2.0f};

enum class KernelForm { Ones, Bilinear, Binomial, RankOne, Dense };
constexpr std::array all_forms{KernelForm::Ones, KernelForm::Bilinear, KernelForm::Binomial, KernelForm::RankOne,
                               KernelForm::Dense};

core::Kernel random_kernel(test::Rng& rng, KernelForm form, core::Extent2 size, core::Extent2 stride) {
    switch (form) {
        case KernelForm::Ones: return core::ones_kernel(size);
        case KernelForm::Bilinear: return core::bilinear_kernel(size);
        case KernelForm::Binomial: return core::gaussian_kernel(size, std::nullopt, stride);
        case KernelForm::RankOne: {
            std::vector<float> col, row;
            for (std::int64_t a = 0; a < size.h; ++a) col.push_back(rng.pick(dyadic_values));
            for (std::int64_t b = 0; b < size.w; ++b) row.push_back(rng.pick(dyadic_values));
            core::Kernel k{size, {}};
            for (float c : col)
                for (float r : row) k.weights.push_back(c * r);
            return k;
        }
        case KernelForm::Dense: break;
    }
    core::Kernel k{size, {}};
    for (std::int64_t i = 0; i < size.h * size.w; ++i) k.weights.push_back(rng.pick(dyadic_values));
    // Two rows that are not multiples of each other make it rank >= 2 whenever it has two rows and columns.
    if (size.h >= 2 && size.w >= 2) {
        k.weights[0] = 1.0f, k.weights[1] = 0.0f;
        k.weights[static_cast<std::size_t>(size.w)] = 0.0f, k.weights[static_cast<std::size_t>(size.w) + 1] = 1.0f;
    }
    return k;
}

/// One generated case: a small image, a geometry whose output is valid, and a dyadic kernel of `form`.
struct Case {
    core::Image in;
    core::Geometry geometry;
    core::OutputShape shape;
    core::Kernel kernel;
    KernelForm form;
};

/// Draws cases until one plans: half with kernels no larger than the stride (no overlap), strides and
/// kernels that keep the named kernels dyadic, a third dilated, every padding form and edge mode, 1..4
/// channels.
Case random_case(test::Rng& rng, KernelForm form) {
    for (;;) {
        core::Geometry g;
        g.stride = {rng.between(1, 5), rng.between(1, 5)};
        if (rng.between(0, 1) == 0)
            g.kernel = {rng.between(1, g.stride.h), rng.between(1, g.stride.w)};
        else
            g.kernel = {rng.between(1, 7), rng.between(1, 7)};
        // Power-of-two strides keep the binomial gaussian (scaled to sum stride_h*stride_w) dyadic.
        if (form == KernelForm::Binomial) g.stride = {rng.pick<std::int64_t>({1, 2, 4}), rng.pick<std::int64_t>({1, 2, 4})};
        // The bilinear tent is dyadic when f = (k+1)/2 is a power of two.
        if (form == KernelForm::Bilinear)
            g.kernel = {rng.pick<std::int64_t>({1, 2, 3, 4, 7, 8}), rng.pick<std::int64_t>({1, 2, 3, 4, 7, 8})};
        g.dilation = rng.between(0, 2) == 0 ? core::Extent2{rng.between(1, 3), rng.between(1, 3)} : core::Extent2{1, 1};
        g.padding = test::random_padding(rng);
        g.output_padding = test::random_output_padding(rng, g);
        g.edge = test::random_edge(rng);
        // One draw per statement: the order in which a call's arguments are evaluated differs between
        // compilers' targets (right to left on x86-64, left to right on aarch64).
        const std::int64_t h = rng.between(1, 9);
        const std::int64_t w = rng.between(1, 9);
        const int channels = static_cast<int>(rng.between(1, 4));
        core::Image in = test::random_image(rng, h, w, channels);
        try {
            core::validate_geometry(g);
            const core::OutputShape shape = core::plan_output_shape(in.size(), g);
            core::Kernel kernel = random_kernel(rng, form, g.kernel, g.stride);
            return Case{std::move(in), g, shape, std::move(kernel), form};
        } catch (const core::InvalidParams&) {
            // e.g. an output smaller than 1: not a convolution to compare
        }
    }
}

/// The kernel taps of one axis that some output reads: a with i*stride + a*dilation = o + crop_begin
/// for an output o and an input position i (inside the input unless the edge mode extends it).
std::vector<bool> taps_read(const core::AxisShape& a, core::EdgeMode edge) {
    std::vector<bool> read(static_cast<std::size_t>(a.kernel), false);
    for (std::int64_t o = 0; o < a.out; ++o)
        for (std::int64_t t = 0; t < a.kernel; ++t) {
            const std::int64_t rest = o + a.crop_begin - t * a.dilation;
            if (rest % a.stride != 0) continue;
            const std::int64_t i = rest / a.stride;
            if (edge != core::EdgeMode::Zero || (i >= 0 && i < a.in)) read[static_cast<std::size_t>(t)] = true;
        }
    return read;
}

/// A negative weight that reaches the output (one at a tap no output reads changes nothing).
bool has_negative_weight_read(const core::Kernel& k, const core::OutputShape& shape) {
    const std::vector<bool> rows = taps_read(shape.rows, shape.edge), cols = taps_read(shape.cols, shape.edge);
    for (std::int64_t a = 0; a < k.size.h; ++a)
        for (std::int64_t b = 0; b < k.size.w; ++b)
            if (k.at(a, b) < 0.0f && rows[static_cast<std::size_t>(a)] && cols[static_cast<std::size_t>(b)]) return true;
    return false;
}

std::size_t index_of(ConvStrategy s) { return static_cast<std::size_t>(s); }

/// The case's image at 16 bits with every sample's low byte unrelated to its high byte.
core::Image widened(test::Rng& rng, const core::Image& in) {
    std::vector<int> samples;
    for (const std::uint8_t v : in.pixels) samples.push_back(v * 256 + static_cast<int>(rng.between(0, 255)));
    return test::make_image(in.height, in.width, in.channels, samples, 16);
}

}  // namespace

TEST_CASE("16-bit images: the planner's choice and every strategy that takes them equal the scatter twin", "[fast_path]") {
    test::Rng rng{std::mt19937_64(1616)};
    std::array<int, core::all_conv_strategies.size()> chosen{}, applied{};
    for (int n = 0; n < 300; ++n) {
        Case c = random_case(rng, all_forms[static_cast<std::size_t>(n) % all_forms.size()]);
        c.in = widened(rng, c.in);
        const core::Image twin = core::transposed_conv_scatter(c.in, c.kernel, c.shape);
        REQUIRE(twin.depth == 16);
        const ConvStrategy planned = core::RowConvolver(c.in, c.kernel, c.shape).plan().strategy;
        CAPTURE(test::describe(c.in, c.geometry), core::strategy_name(planned));
        CHECK((planned == ConvStrategy::Replicate || planned == ConvStrategy::DoubleSeparable ||
               planned == ConvStrategy::DoubleDense));
        ++chosen[index_of(planned)];
        test::check_pixels(core::transposed_conv(c.in, c.kernel, c.shape, 2), twin, "auto");
        for (const ConvStrategy s : core::all_conv_strategies) {
            const std::string name(core::strategy_name(s));
            try {
                test::check_pixels(core::transposed_conv(c.in, c.kernel, c.shape, 2, {s}), twin, "forced " + name);
                ++applied[index_of(s)];
            } catch (const core::InvalidParams& e) {
                CHECK_THAT(e.what(), Catch::StartsWith("strategy " + name + " does not apply: "));
            }
        }
    }
    for (const ConvStrategy s : {ConvStrategy::Replicate, ConvStrategy::DoubleSeparable, ConvStrategy::DoubleDense}) {
        CAPTURE(core::strategy_name(s));
        CHECK(chosen[index_of(s)] >= 20);
    }
    // Float and fixed-point sums are for 8-bit samples: they never apply at 16 bits.
    for (const ConvStrategy s : {ConvStrategy::FixedPoint, ConvStrategy::FloatSeparable, ConvStrategy::Dense})
        CHECK(applied[index_of(s)] == 0);
    CHECK(applied[index_of(ConvStrategy::DoubleDense)] == 300);
    CHECK(applied[index_of(ConvStrategy::Scatter)] == 300);
}

TEST_CASE("the planner makes every choice on its own, and each equals the scatter twin", "[fast_path]") {
    test::in_each_simd_mode([] {
        test::Rng rng{std::mt19937_64(20260125)};
        std::array<int, core::all_conv_strategies.size()> chosen{};
        for (int n = 0; n < 600; ++n) {
            const KernelForm form = all_forms[static_cast<std::size_t>(n) % all_forms.size()];
            const Case c = random_case(rng, form);
            const int threads = static_cast<int>(rng.pick<std::int64_t>({1, 2, 3, 64}));
            const core::RowConvolver convolver(c.in, c.kernel, c.shape);
            const ConvStrategy s = convolver.plan().strategy;
            CAPTURE(test::describe(c.in, c.geometry), threads, convolver.plan().reason);
            // What the planner must choose, by conditions stated independently of its code.
            const bool dense_form = form == KernelForm::Dense && c.geometry.kernel.h >= 2 && c.geometry.kernel.w >= 2;
            if (dense_form)
                CHECK(s == ConvStrategy::Dense);
            else
                CHECK(s != ConvStrategy::Dense);
            if (form == KernelForm::Ones && c.geometry.dilation == core::Extent2{1, 1} &&
                c.geometry.kernel.h <= c.geometry.stride.h && c.geometry.kernel.w <= c.geometry.stride.w)
                CHECK(s == ConvStrategy::Replicate);
            if (!dense_form && has_negative_weight_read(c.kernel, c.shape)) CHECK(s == ConvStrategy::FloatSeparable);
            CHECK(s != ConvStrategy::Scatter);
            test::check_pixels(core::transposed_conv(c.in, c.kernel, c.shape, threads),
                               core::transposed_conv_scatter(c.in, c.kernel, c.shape), test::describe(c.in, c.geometry));
            ++chosen[index_of(s)];
        }
        CAPTURE(chosen[0], chosen[1], chosen[2], chosen[3]);
        for (const ConvStrategy s :
             {ConvStrategy::Replicate, ConvStrategy::FixedPoint, ConvStrategy::FloatSeparable, ConvStrategy::Dense})
            CHECK(chosen[index_of(s)] >= 30);
    });
}

TEST_CASE("every strategy forced where it applies equals the scatter twin, and says why where not", "[fast_path]") {
    test::in_each_simd_mode([] {
        test::Rng rng{std::mt19937_64(77)};
        std::array<int, core::all_conv_strategies.size()> applied{}, refused{};
        for (int n = 0; n < 400; ++n) {
            const Case c = random_case(rng, all_forms[static_cast<std::size_t>(n) % all_forms.size()]);
            const core::Image twin = core::transposed_conv_scatter(c.in, c.kernel, c.shape);
            for (const ConvStrategy s : core::all_conv_strategies) {
                const std::string name(core::strategy_name(s));
                CAPTURE(test::describe(c.in, c.geometry), name);
                core::Image out;
                try {
                    out = core::transposed_conv(c.in, c.kernel, c.shape, 2, {s});
                } catch (const core::InvalidParams& e) {
                    CHECK_THAT(e.what(), Catch::StartsWith("strategy " + name + " does not apply: "));
                    ++refused[index_of(s)];
                    continue;
                }
                test::check_pixels(out, twin, test::describe(c.in, c.geometry) + " forced " + name);
                ++applied[index_of(s)];
            }
        }
        for (const ConvStrategy s : core::all_conv_strategies) {
            CAPTURE(core::strategy_name(s), applied[index_of(s)], refused[index_of(s)]);
            CHECK(applied[index_of(s)] >= 40);
        }
        // Dense and scatter take any kernel; the others refuse some.
        CHECK(refused[index_of(ConvStrategy::Dense)] == 0);
        CHECK(refused[index_of(ConvStrategy::Scatter)] == 0);
        for (const ConvStrategy s : {ConvStrategy::Replicate, ConvStrategy::FixedPoint, ConvStrategy::FloatSeparable})
            CHECK(refused[index_of(s)] >= 20);
    });
}

TEST_CASE("a row cache too small for one output row: float separable, one filtered row at a time", "[fast_path]") {
    test::in_each_simd_mode([] {
        test::Rng rng{std::mt19937_64(5150)};
        int capped = 0;
        for (int n = 0; n < 200; ++n) {
            const Case c = random_case(rng, n % 2 == 0 ? KernelForm::Bilinear : KernelForm::RankOne);
            const core::PhaseLayout layout(c.shape, c.in.channels);
            const auto row_bytes = static_cast<std::int64_t>(layout.out_row_len() * sizeof(float));
            for (const std::int64_t budget : {std::int64_t{1}, row_bytes, 2 * row_bytes - 1, 2 * row_bytes, 3 * row_bytes}) {
                const core::ConvSchedule schedule{std::nullopt, budget};
                const core::RowConvolver convolver(c.in, c.kernel, c.shape, schedule);
                CAPTURE(test::describe(c.in, c.geometry), budget, convolver.plan().reason);
                CHECK(core::row_cache_slots(layout, budget) ==
                      std::clamp<std::int64_t>(budget / row_bytes, 1, (c.shape.rows.k_eff - 1) / c.shape.rows.stride + 1));
                test::check_pixels(core::transposed_conv(c.in, c.kernel, c.shape, 2, schedule),
                                   core::transposed_conv_scatter(c.in, c.kernel, c.shape), test::describe(c.in, c.geometry));
                if (convolver.plan().reason.find("exceed the row cache") != std::string::npos) {
                    CHECK(convolver.plan().strategy == ConvStrategy::FloatSeparable);
                    ++capped;
                }
            }
        }
        CHECK(capped >= 50);
    });
}

TEST_CASE("the row cache boundary: bilinear x2 needs two filtered rows per output row", "[fast_path]") {
    test::Rng rng{std::mt19937_64(8)};
    const core::Image in = test::random_image(rng, 6, 5, 3);
    core::Geometry g;
    g.kernel = {4, 4};
    g.stride = {2, 2};
    g.padding = {core::PaddingMode::Explicit, 1, 1, 1, 1};
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    const core::Kernel kernel = core::bilinear_kernel(g.kernel);
    const std::int64_t row_bytes = 10 * 3 * 4;  // out width 10, RGB, floats
    CHECK(core::RowConvolver(in, kernel, shape, {std::nullopt, 2 * row_bytes}).plan().strategy == ConvStrategy::FixedPoint);
    CHECK(core::RowConvolver(in, kernel, shape, {std::nullopt, 2 * row_bytes - 1}).plan().strategy ==
          ConvStrategy::FloatSeparable);
    CHECK_THROWS_WITH(core::RowConvolver(in, kernel, shape, {ConvStrategy::FixedPoint, row_bytes}),
                      "strategy fixed-point does not apply: the filtered rows of one output row exceed the row cache");
}

TEST_CASE("the benchmark's configurations at a small scale: the strategy each is planned with", "[fast_path]") {
    test::Rng rng{std::mt19937_64(13)};
    struct Config {
        std::int64_t k, s, p, op;
        core::KernelKind kind;
        ConvStrategy strategy;
    };
    // C1..C5 of the benchmark: stripes, nearest x4, bilinear x2, bilinear x8, binomial 3x3 at stride 1.
    for (const Config c : {Config{3, 4, 0, 1, core::KernelKind::Ones, ConvStrategy::Replicate},
                           Config{4, 4, 0, 0, core::KernelKind::Ones, ConvStrategy::Replicate},
                           Config{4, 2, 1, 0, core::KernelKind::Bilinear, ConvStrategy::FixedPoint},
                           Config{16, 8, 4, 0, core::KernelKind::Bilinear, ConvStrategy::FixedPoint},
                           Config{3, 1, 1, 0, core::KernelKind::Gaussian, ConvStrategy::FixedPoint}}) {
        core::Geometry g;
        g.kernel = {c.k, c.k};
        g.stride = {c.s, c.s};
        g.padding = {core::PaddingMode::Explicit, c.p, c.p, c.p, c.p};
        g.output_padding = core::Extent2{c.op, c.op};
        const core::Kernel kernel = core::make_kernel(core::KernelSpec{c.kind, std::nullopt, {}}, g.kernel, g.stride);
        const core::Image in = test::random_image(rng, 13, 11, 3);
        const core::OutputShape shape = core::plan_output_shape(in.size(), g);
        const core::RowConvolver convolver(in, kernel, shape);
        CAPTURE(c.k, c.s, c.p, c.op, convolver.plan().reason);
        CHECK(convolver.plan().strategy == c.strategy);
        test::check_pixels(core::transposed_conv(in, kernel, shape, 2), core::transposed_conv_scatter(in, kernel, shape),
                           "config");
    }
}

TEST_CASE("partial row ranges give the same rows as the whole image, for every strategy", "[fast_path]") {
    test::Rng rng{std::mt19937_64(31)};
    core::Geometry g;
    g.kernel = {5, 3};
    g.stride = {3, 2};
    g.padding = {core::PaddingMode::Explicit, 1, 0, 2, 1};
    const core::Image in = test::random_image(rng, 7, 5, 3);
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    // Non-negative dyadic factors (every strategy but replicate), and ones no larger than the stride.
    core::Kernel rank_one{g.kernel, {}};
    for (const float c : {0.25f, 0.5f, 1.0f, 0.5f, 0.25f})
        for (const float r : {0.5f, 1.0f, 0.5f}) rank_one.weights.push_back(c * r);
    core::Geometry g_ones = g;
    g_ones.kernel = {3, 2};
    const core::OutputShape shape_ones = core::plan_output_shape(in.size(), g_ones);
    const core::Kernel ones = core::ones_kernel(g_ones.kernel);
    for (const ConvStrategy s : core::all_conv_strategies) {
        const bool replicate = s == ConvStrategy::Replicate;
        const core::Kernel& kernel = replicate ? ones : rank_one;
        const core::OutputShape& sh = replicate ? shape_ones : shape;
        const core::Image twin = core::transposed_conv_scatter(in, kernel, sh);
        const core::RowConvolver convolver(in, kernel, sh, {s});
        const auto row_bytes = static_cast<std::size_t>(twin.width * twin.channels);
        for (std::int64_t y0 = 0; y0 < twin.height; ++y0)
            for (std::int64_t y1 = y0; y1 <= twin.height; ++y1) {
                std::int64_t expected_y = y0;
                convolver.convolve_rows(y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
                    CAPTURE(core::strategy_name(s), y0, y1, y);
                    REQUIRE(y == expected_y++);
                    const std::vector<std::uint8_t> got(row, row + row_bytes);
                    const auto first = twin.pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row_bytes);
                    REQUIRE(got == std::vector<std::uint8_t>(first, first + static_cast<std::ptrdiff_t>(row_bytes)));
                });
                CHECK(expected_y == y1);
            }
    }
}

TEST_CASE("non-dyadic kernels stay within 1 of the twin, where float and double round .5 apart", "[fast_path]") {
    test::Rng rng{std::mt19937_64(17)};
    for (const double sigma : {0.7, 1.3}) {
        core::Geometry g;
        g.kernel = {5, 5};
        g.stride = {3, 3};
        const core::Kernel kernel = core::gaussian_kernel(g.kernel, sigma, g.stride);
        const core::Image in = test::random_image(rng, 9, 8, 4);
        const core::OutputShape shape = core::plan_output_shape(in.size(), g);
        // Each weight is the float nearest a product of doubles, so no float factors give them back exactly.
        CHECK(core::RowConvolver(in, kernel, shape).plan().strategy == ConvStrategy::Dense);
        const core::Image fast = core::transposed_conv(in, kernel, shape, 2);
        const core::Image twin = core::transposed_conv_scatter(in, kernel, shape);
        for (std::size_t i = 0; i < twin.pixels.size(); ++i) {
            CAPTURE(sigma, i);
            REQUIRE(std::abs(int{fast.pixels[i]} - int{twin.pixels[i]}) <= 1);
        }
    }
}

TEST_CASE("quantise_row equals quantise for every kind of float", "[fast_path]") {
    std::vector<float> v{0.0f,
                         -0.0f,
                         0.5f,
                         0.49999997f,
                         1.5f,
                         2.5f,
                         254.5f,
                         254.49998f,
                         255.0f,
                         255.5f,
                         256.0f,
                         -0.5f,
                         -1.0f,
                         1e30f,
                         -1e30f,
                         std::numeric_limits<float>::infinity(),
                         -std::numeric_limits<float>::infinity(),
                         std::numeric_limits<float>::quiet_NaN(),
                         std::numeric_limits<float>::denorm_min()};
    for (int i = 0; i <= 256; ++i) {
        const float half = static_cast<float>(i) + 0.5f;
        v.push_back(half);
        v.push_back(std::nextafter(half, 0.0f));
        v.push_back(std::nextafter(half, 1000.0f));
        v.push_back(static_cast<float>(i));
    }
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> any(-20.0f, 280.0f);
    for (int i = 0; i < 100000; ++i) v.push_back(any(rng));
    // Every 4099th bit pattern: all signs, exponents, NaNs and infinities.
    for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << 32); bits += 4099)
        v.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
    std::vector<std::uint8_t> got(v.size()), portable(v.size());
    core::quantise_row(v.data(), got.data(), v.size());
    core::quantise_row_portable(v.data(), portable.data(), v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        CAPTURE(i, v[i]);
        REQUIRE(int{got[i]} == int{core::quantise(v[i])});
        REQUIRE(int{portable[i]} == int{core::quantise(v[i])});
    }
    // Every length and offset of the SIMD blocks and their tail, with guard bytes left untouched.
    for (std::size_t n = 0; n <= 70; ++n) {
        std::vector<std::uint8_t> row(n + 2, 0xAB);
        core::quantise_row(v.data() + 3, row.data() + 1, n);
        CAPTURE(n);
        REQUIRE(int{row.front()} == 0xAB);
        REQUIRE(int{row.back()} == 0xAB);
        for (std::size_t i = 0; i < n; ++i) REQUIRE(int{row[i + 1]} == int{core::quantise(v[i + 3])});
    }
}

TEST_CASE("quantise_row of doubles at 16 bits equals quantise16 for every kind of double", "[fast_path]") {
    std::vector<double> v{0.0,
                          -0.0,
                          0.5,
                          std::nextafter(0.5, 0.0),
                          1.5,
                          65534.5,
                          std::nextafter(65534.5, 0.0),
                          65535.0,
                          65535.5,
                          1e300,
                          -1e300,
                          -0.5,
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity(),
                          std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::denorm_min()};
    // Around every power of two, where v + 0.5 changes exponent, and every half in between.
    for (int k = 0; k <= 16; ++k) {
        const double p = std::ldexp(1.0, k);
        for (const double d : {-0.5, 0.5})
            for (const double x : {p + d, std::nextafter(p + d, 0.0), std::nextafter(p + d, 1e9)}) v.push_back(x);
    }
    for (int i = 0; i < 65536; i += 7) v.push_back(i + 0.5);
    // Every 2^44 + 4099th bit pattern: all signs, exponents, NaNs and infinities.
    for (std::uint64_t bits = 0; bits < ~std::uint64_t{0} - (std::uint64_t{1} << 45); bits += (std::uint64_t{1} << 44) + 4099)
        v.push_back(std::bit_cast<double>(bits));
    test::in_each_simd_mode([&] {
        std::vector<std::uint8_t> out(v.size() * 2);
        core::quantise_row(v.data(), out.data(), v.size(), 16);
        for (std::size_t i = 0; i < v.size(); ++i) {
            std::uint16_t got = 0;
            std::memcpy(&got, out.data() + 2 * i, 2);
            CAPTURE(i, v[i]);
            REQUIRE(got == core::quantise16(v[i]));
        }
        // Every length of the SIMD blocks and their tail, with guard samples left untouched.
        for (std::size_t n = 0; n <= 40; ++n) {
            std::vector<std::uint16_t> row(n + 2, 0xABCD);
            core::quantise_row(v.data() + 3, reinterpret_cast<std::uint8_t*>(row.data() + 1), n, 16);
            CAPTURE(n);
            REQUIRE(row.front() == 0xABCD);
            REQUIRE(row.back() == 0xABCD);
            for (std::size_t i = 0; i < n; ++i) REQUIRE(row[i + 1] == core::quantise16(v[i + 3]));
        }
    });
}
