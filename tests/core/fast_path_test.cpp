// The fast path's own edges against the literal scatter twin: separable and dense kernels, k <= stride
// (no overlap), stride 1 (one phase), many phases, more threads than rows, 1..4 channels, every padding
// form, partial row ranges; and the vectorised row quantiser against quantise().
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/kernel.hpp"
#include "core/output_shape.hpp"
#include "core/quantise.hpp"
#include "core/quantise_row.hpp"
#include "core/row_convolver.hpp"
#include "core/transposed_conv.hpp"

namespace {

using namespace tconv;

struct Rng {
    std::mt19937_64 engine{20260125};
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(engine); }
    template <class T>
    T pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))]; }
};

/// Dyadic values with few significant bits: every product and sum below is exact in float, so the fast
/// path (float) and the twin (double) must agree to the last bit, hence on every quantised pixel.
const std::vector<float> dyadic_values{-1.0f, -0.5f, -0.25f, 0.0f, 0.125f, 0.25f, 0.5f, 0.75f, 1.0f, 1.5f, 2.0f};

core::Image random_image(Rng& rng, std::int64_t h, std::int64_t w, int channels) {
    core::Image img = core::blank_image({h, w}, channels);
    for (auto& p : img.pixels) p = static_cast<std::uint8_t>(rng.between(0, 255));
    return img;
}

enum class KernelForm { Ones, Bilinear, Binomial, RankOne, Dense };

core::Kernel random_kernel(Rng& rng, KernelForm form, core::Extent2 size, core::Extent2 stride) {
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

core::Padding random_padding(Rng& rng) {
    switch (rng.between(0, 3)) {
        case 0: {
            const auto p = rng.between(0, 3);
            return {core::PaddingMode::Explicit, p, p, p, p};
        }
        case 1: return {core::PaddingMode::Explicit, rng.between(0, 4), rng.between(0, 4), rng.between(0, 4), rng.between(0, 4)};
        case 2: return {core::PaddingMode::Valid, 0, 0, 0, 0};
        default: return {core::PaddingMode::Same, 0, 0, 0, 0};
    }
}

std::string describe(const core::Image& in, const core::Geometry& g, int threads, bool separable) {
    const auto& p = g.padding;
    std::string s = "in " + std::to_string(in.height) + "x" + std::to_string(in.width) + "x" + std::to_string(in.channels) +
                    " k " + std::to_string(g.kernel.h) + "x" + std::to_string(g.kernel.w) + " s " + std::to_string(g.stride.h) +
                    "x" + std::to_string(g.stride.w) + " d " + std::to_string(g.dilation.h) + "x" +
                    std::to_string(g.dilation.w) + " pad mode " + std::to_string(static_cast<int>(p.mode)) + " " +
                    std::to_string(p.top) + "," + std::to_string(p.left) + "," + std::to_string(p.bottom) + "," +
                    std::to_string(p.right) + " threads " + std::to_string(threads) + (separable ? " separable" : " dense");
    if (g.output_padding) s += " op " + std::to_string(g.output_padding->h) + "x" + std::to_string(g.output_padding->w);
    return s;
}

/// Compares two images pixel by pixel, naming the first differing pixel.
void require_same_pixels(const core::Image& fast, const core::Image& twin) {
    REQUIRE(fast.height == twin.height);
    REQUIRE(fast.width == twin.width);
    REQUIRE(fast.channels == twin.channels);
    for (std::int64_t y = 0; y < twin.height; ++y)
        for (std::int64_t x = 0; x < twin.width; ++x)
            for (int c = 0; c < twin.channels; ++c)
                if (fast.at(y, x, c) != twin.at(y, x, c)) {
                    CAPTURE(y, x, c);
                    REQUIRE(int{fast.at(y, x, c)} == int{twin.at(y, x, c)});
                }
}

}  // namespace

TEST_CASE("fast path equals the scatter twin on every path it takes", "[fast_path]") {
    Rng rng;
    struct Seen {
        int separable = 0, dense = 0, no_overlap = 0, overlap = 0, stride_one = 0, many_phases = 0,
            threads_over_rows = 0, valid = 0, same = 0, explicit_pads = 0, dilated = 0, output_padding = 0;
        int channels[5] = {};
    } seen;
    const std::vector<KernelForm> forms{KernelForm::Ones, KernelForm::Bilinear, KernelForm::Binomial, KernelForm::RankOne,
                                        KernelForm::Dense};
    int checked = 0;
    for (int n = 0; n < 1500 && checked < 600; ++n) {
        core::Geometry g;
        const auto form = forms[static_cast<std::size_t>(n % 5)];
        g.stride = {rng.between(1, 5), rng.between(1, 5)};
        // Half the kernels no larger than the stride: the no-overlap, replicate-and-scale case.
        if (n % 2 == 0) g.kernel = {rng.between(1, g.stride.h), rng.between(1, g.stride.w)};
        else g.kernel = {rng.between(1, 7), rng.between(1, 7)};
        // Power-of-two strides keep the binomial gaussian (scaled to sum stride_h*stride_w) dyadic.
        if (form == KernelForm::Binomial) g.stride = {rng.pick<std::int64_t>({1, 2, 4}), rng.pick<std::int64_t>({1, 2, 4})};
        // The bilinear tent is dyadic when f = (k+1)/2 is a power of two.
        if (form == KernelForm::Bilinear) g.kernel = {rng.pick<std::int64_t>({1, 2, 3, 4, 7, 8}), rng.pick<std::int64_t>({1, 2, 3, 4, 7, 8})};
        g.dilation = rng.between(0, 3) == 0 ? core::Extent2{rng.between(1, 3), rng.between(1, 3)} : core::Extent2{1, 1};
        g.padding = random_padding(rng);
        if (rng.between(0, 1) == 1)
            g.output_padding = core::Extent2{rng.between(0, std::max(g.stride.h, g.dilation.h) - 1),
                                             rng.between(0, std::max(g.stride.w, g.dilation.w) - 1)};
        const int channels = static_cast<int>(rng.between(1, 4));
        const core::Image in = random_image(rng, rng.between(1, 9), rng.between(1, 9), channels);
        core::OutputShape shape;
        try {
            core::validate_geometry(g);
            shape = core::plan_output_shape(in.size(), g);
        } catch (const core::InvalidParams&) {
            continue;  // e.g. an output smaller than 1: not a convolution to compare
        }
        const core::Kernel kernel = random_kernel(rng, form, g.kernel, g.stride);
        const int threads = static_cast<int>(rng.pick<std::int64_t>({1, 2, 3, 64}));
        const core::RowConvolver convolver(in, kernel, shape);
        CAPTURE(describe(in, g, threads, convolver.separable()));
        if (form != KernelForm::Dense || g.kernel.h == 1 || g.kernel.w == 1) CHECK(convolver.separable());
        else CHECK_FALSE(convolver.separable());

        require_same_pixels(core::transposed_conv(in, kernel, shape, threads), core::transposed_conv_scatter(in, kernel, shape));
        ++checked;
        seen.separable += convolver.separable();
        seen.dense += !convolver.separable();
        seen.no_overlap += g.kernel.h <= g.stride.h && g.kernel.w <= g.stride.w;
        seen.overlap += g.kernel.h > g.stride.h && g.kernel.w > g.stride.w;
        seen.stride_one += g.stride.w == 1;
        seen.many_phases += g.stride.h >= 3 && g.stride.w >= 3;
        seen.threads_over_rows += threads > shape.rows.out;
        seen.valid += g.padding.mode == core::PaddingMode::Valid;
        seen.same += g.padding.mode == core::PaddingMode::Same;
        seen.explicit_pads += g.padding.mode == core::PaddingMode::Explicit;
        seen.dilated += g.dilation.h > 1 || g.dilation.w > 1;
        seen.output_padding += shape.rows.output_padding > 0 || shape.cols.output_padding > 0;
        ++seen.channels[channels];
    }
    CHECK(checked >= 500);
    // Every edge was hit many times, so a path that is never taken cannot pass unnoticed.
    for (const int count : {seen.separable, seen.dense, seen.no_overlap, seen.overlap, seen.stride_one, seen.many_phases,
                            seen.threads_over_rows, seen.valid, seen.same, seen.explicit_pads, seen.dilated,
                            seen.output_padding, seen.channels[1], seen.channels[2], seen.channels[3], seen.channels[4]})
        CHECK(count >= 10);
}

TEST_CASE("the article's configurations at a small scale: separable, exact, repeated rows", "[fast_path]") {
    Rng rng;
    struct Config {
        std::int64_t k, s, p, op;
        core::KernelKind kind;
    };
    // C1..C5 of the benchmark: stripes, nearest x4, bilinear x2, bilinear x8, binomial 3x3 at stride 1.
    for (const Config c : {Config{3, 4, 0, 1, core::KernelKind::Ones}, Config{4, 4, 0, 0, core::KernelKind::Ones},
                           Config{4, 2, 1, 0, core::KernelKind::Bilinear}, Config{16, 8, 4, 0, core::KernelKind::Bilinear},
                           Config{3, 1, 1, 0, core::KernelKind::Gaussian}}) {
        core::Geometry g;
        g.kernel = {c.k, c.k};
        g.stride = {c.s, c.s};
        g.padding = {core::PaddingMode::Explicit, c.p, c.p, c.p, c.p};
        g.output_padding = core::Extent2{c.op, c.op};
        const core::Kernel kernel = core::make_kernel(core::KernelSpec{c.kind, std::nullopt, {}}, g.kernel, g.stride);
        const core::Image in = random_image(rng, 13, 11, 3);
        const core::OutputShape shape = core::plan_output_shape(in.size(), g);
        const core::RowConvolver convolver(in, kernel, shape);
        CAPTURE(c.k, c.s, c.p, c.op);
        CHECK(convolver.separable());
        require_same_pixels(core::transposed_conv(in, kernel, shape, 2), core::transposed_conv_scatter(in, kernel, shape));
    }
}

TEST_CASE("partial row ranges give the same rows as the whole image", "[fast_path]") {
    Rng rng;
    core::Geometry g;
    g.kernel = {5, 3};
    g.stride = {3, 2};
    g.padding = {core::PaddingMode::Explicit, 1, 0, 2, 1};
    const core::Image in = random_image(rng, 7, 5, 3);
    for (const bool separable : {true, false}) {
        const core::Kernel kernel = random_kernel(rng, separable ? KernelForm::RankOne : KernelForm::Dense, g.kernel, g.stride);
        const core::OutputShape shape = core::plan_output_shape(in.size(), g);
        const core::Image twin = core::transposed_conv_scatter(in, kernel, shape);
        const core::RowConvolver convolver(in, kernel, shape);
        REQUIRE(convolver.separable() == separable);
        const auto row_bytes = static_cast<std::size_t>(twin.width * twin.channels);
        for (std::int64_t y0 = 0; y0 < twin.height; ++y0)
            for (std::int64_t y1 = y0; y1 <= twin.height; ++y1) {
                std::int64_t expected_y = y0;
                convolver.convolve_rows(y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
                    CAPTURE(separable, y0, y1, y);
                    REQUIRE(y == expected_y++);
                    const std::vector<std::uint8_t> got(row, row + row_bytes);
                    const std::vector<std::uint8_t> want(twin.pixels.begin() + static_cast<std::ptrdiff_t>(y * static_cast<std::int64_t>(row_bytes)),
                                                         twin.pixels.begin() + static_cast<std::ptrdiff_t>((y + 1) * static_cast<std::int64_t>(row_bytes)));
                    REQUIRE(got == want);
                });
                CHECK(expected_y == y1);
            }
    }
}

TEST_CASE("non-dyadic kernels stay within 1 of the twin, where float and double round .5 apart", "[fast_path]") {
    Rng rng;
    for (const double sigma : {0.7, 1.3}) {
        core::Geometry g;
        g.kernel = {5, 5};
        g.stride = {3, 3};
        const core::Kernel kernel = core::gaussian_kernel(g.kernel, sigma, g.stride);
        const core::Image in = random_image(rng, 9, 8, 4);
        const core::OutputShape shape = core::plan_output_shape(in.size(), g);
        const core::Image fast = core::transposed_conv(in, kernel, shape, 2);
        const core::Image twin = core::transposed_conv_scatter(in, kernel, shape);
        for (std::size_t i = 0; i < twin.pixels.size(); ++i) {
            CAPTURE(sigma, i);
            REQUIRE(std::abs(int{fast.pixels[i]} - int{twin.pixels[i]}) <= 1);
        }
    }
}

TEST_CASE("quantise_row equals quantise for every kind of float", "[fast_path]") {
    std::vector<float> v{0.0f, -0.0f, 0.5f, 0.49999997f, 1.5f, 2.5f, 254.5f, 254.49998f, 255.0f, 255.5f, 256.0f, -0.5f, -1.0f,
                         1e30f, -1e30f, std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                         std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::denorm_min()};
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
