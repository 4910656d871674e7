// Kernel tests: the -k spec parser, text matrices (accepted and rejected), and the named filters'
// values worked out by hand from their published formulas.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using namespace tconv;
using Catch::Matchers::Contains;

void check_weights(const core::Kernel& k, core::Extent2 size, const std::vector<double>& want) {
    REQUIRE(k.size == size);
    REQUIRE(k.weights.size() == want.size());
    for (std::int64_t r = 0; r < size.h; ++r)
        for (std::int64_t c = 0; c < size.w; ++c) {
            CAPTURE(r, c);
            CHECK(k.at(r, c) == Approx(want[static_cast<std::size_t>(r * size.w + c)]).epsilon(1e-6).margin(1e-7));
        }
}

}  // namespace

TEST_CASE("parse_kernel_spec: named kernels", "[core][kernel]") {
    CHECK(core::parse_kernel_spec("ones").kind == core::KernelKind::Ones);
    CHECK(core::parse_kernel_spec("bilinear").kind == core::KernelKind::Bilinear);
    const auto g = core::parse_kernel_spec("gaussian");
    CHECK(g.kind == core::KernelKind::Gaussian);
    CHECK_FALSE(g.sigma.has_value());
    const auto gs = core::parse_kernel_spec("gaussian:1.5");
    CHECK(gs.kind == core::KernelKind::Gaussian);
    REQUIRE(gs.sigma.has_value());
    CHECK(*gs.sigma == 1.5);
    for (const char* bad : {"gaussian:", "gaussian:0", "gaussian:-1", "gaussian:abc", "gaussian:1x", "gaussian:inf",
                            "gaussian:nan", "gaussian:1.5 "}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH(core::parse_kernel_spec(bad), Contains("sigma"));
    }
    for (const char* bad : {"box", "Ones", "ones ", "bilinear2", "gauss", "", "@", "1,2;3,x", "1,inf", "nan"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(core::parse_kernel_spec(bad), core::InvalidParams);
    }
    CHECK_THROWS_WITH(core::parse_kernel_spec("box"), Contains("unknown kernel 'box'"));
}

TEST_CASE("parse_kernel_spec: inline matrices", "[core][kernel]") {
    const auto spec = core::parse_kernel_spec("1,2,1;2,4,2;1,2,1");
    CHECK(spec.kind == core::KernelKind::Matrix);
    check_weights(spec.matrix, {3, 3}, {1, 2, 1, 2, 4, 2, 1, 2, 1});
    // Non-square, rows first; negatives, fractions, exponents, a leading '+', spaces as separators.
    check_weights(core::parse_kernel_spec("1,-0.5,2.25;+3,1e-1,-4").matrix, {2, 3}, {1, -0.5, 2.25, 3, 0.1, -4});
    check_weights(core::parse_kernel_spec("1 2;3 4;5 6").matrix, {3, 2}, {1, 2, 3, 4, 5, 6});
    check_weights(core::parse_kernel_spec(" 1, 2 ; 3 ,4 ").matrix, {2, 2}, {1, 2, 3, 4});
    check_weights(core::parse_kernel_spec("7").matrix, {1, 1}, {7});
}

TEST_CASE("kernel matrices: ragged, empty, non-numeric and non-finite rows are rejected", "[core][kernel]") {
    struct Row {
        const char* text;
        char sep;
        const char* reason;
    };
    const Row rows[] = {
        {"1,2;3", ';', "ragged"},
        {"1;2,3", ';', "ragged"},
        {"1,2,3\n4,5\n", '\n', "ragged"},
        {"", ';', "empty"},
        {"  ", ';', "empty"},
        {"# only a comment\n\n", '\n', "empty"},
        {"1,2;;3,4", ';', "empty row"},
        {";1,2", ';', "empty row"},
        {"1,2;", ';', "empty row"},
        {"1,2; ", ';', "empty row"},
        {"1,,2", ';', "empty value"},
        {",1,2", ';', "empty value"},
        {"1,2,", ';', "ends with ','"},
        {"1,x", ';', "not a number"},
        {"1,2a", ';', "not a number"},
        {"1.2.3", ';', "not a number"},
        {"0x10", ';', "not a number"},
        {"--1", ';', "not a number"},
        {"1,inf", ';', "not a finite"},
        {"-inf 1", '\n', "not a finite"},
        {"nan", '\n', "not a finite"},
        {"1e39", ';', "not a finite"},
        {"1,1e400", ';', "not"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.text, r.sep);
        CHECK_THROWS_AS(core::parse_kernel_matrix(r.text, r.sep), core::InvalidParams);
        CHECK_THROWS_WITH(core::parse_kernel_matrix(r.text, r.sep), Contains(r.reason));
    }
}

TEST_CASE("kernel files: rows on lines, spaces or commas, # comments", "[core][kernel]") {
    const char* text =
        "# a 2x3 kernel\n"
        "1 2 3   # first row\n"
        "\n"
        "\t4, 5,6\r\n"
        "# trailing comment\n";
    check_weights(core::parse_kernel_matrix(text, '\n'), {2, 3}, {1, 2, 3, 4, 5, 6});
}

TEST_CASE("make_kernel: sizes from -f and from the matrix", "[core][kernel]") {
    const auto matrix = core::parse_kernel_spec("1,2,3;4,5,6");
    CHECK(core::make_kernel(matrix, std::nullopt, {1, 1}).size == core::Extent2{2, 3});
    CHECK(core::make_kernel(matrix, core::Extent2{2, 3}, {1, 1}).size == core::Extent2{2, 3});
    CHECK_THROWS_WITH(core::make_kernel(matrix, core::Extent2{3, 2}, {1, 1}),
                      Contains("kernel is 2x3 but the filter size is 3x2"));
    CHECK_THROWS_AS(core::make_kernel(matrix, core::Extent2{3, 3}, {1, 1}), core::InvalidParams);
    CHECK(core::make_kernel(core::parse_kernel_spec("ones"), std::nullopt, {2, 2}).size == core::Extent2{3, 3});
    check_weights(core::make_kernel(core::parse_kernel_spec("ones"), core::Extent2{2, 4}, {1, 1}), {2, 4},
                  std::vector<double>(8, 1.0));
    CHECK(core::make_kernel(core::parse_kernel_spec("bilinear"), core::Extent2{4, 3}, {2, 2}).size == core::Extent2{4, 3});
}

TEST_CASE("bilinear: FCN's upsample_filt values, by hand", "[core][kernel]") {
    // upsample_filt(k): f = (k+1)//2, c = f-1 (odd k) or f-0.5 (even k), w[i] = 1 - |i-c|/f.
    // k=1: f=1, c=0 -> 1.  k=2: f=1, c=0.5 -> 1/2 1/2.  k=3: f=2, c=1 -> 1/2 1 1/2.
    // k=4: f=2, c=1.5 -> 1/4 3/4 3/4 1/4.  k=5: f=3, c=2 -> 1/3 2/3 1 2/3 1/3.
    // k=6: f=3, c=2.5 -> 1/6 1/2 5/6 5/6 1/2 1/6.
    check_weights(core::bilinear_kernel({1, 1}), {1, 1}, {1});
    check_weights(core::bilinear_kernel({1, 2}), {1, 2}, {0.5, 0.5});
    check_weights(core::bilinear_kernel({1, 5}), {1, 5}, {1 / 3.0, 2 / 3.0, 1, 2 / 3.0, 1 / 3.0});
    check_weights(core::bilinear_kernel({6, 1}), {6, 1}, {1 / 6.0, 0.5, 5 / 6.0, 5 / 6.0, 0.5, 1 / 6.0});
    // 2-D: the outer product of the row tent (k=4) and the column tent (k=3).
    check_weights(core::bilinear_kernel({4, 3}), {4, 3},
                  {0.125, 0.25, 0.125,  //
                   0.375, 0.75, 0.375,  //
                   0.375, 0.75, 0.375,  //
                   0.125, 0.25, 0.125});
    check_weights(core::bilinear_kernel({3, 3}), {3, 3}, {0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25});
}

TEST_CASE("bilinear with k = 2s - s%2 interpolates a ramp exactly", "[core][kernel]") {
    // A 1x4 ramp, upsampled along the columns (a 1xK kernel: the row tent of k=1 is just 1).
    // s=2, k=4 (1/4 3/4 3/4 1/4), p=1: out = 3*2 - 2 + 4 = 8; each output is the ramp a quarter
    // or three quarters between two inputs, e.g. 0.75*0 + 0.25*40 = 10; the last is 0.75*120 = 90.
    // s=3, k=5 (1/3 2/3 1 2/3 1/3), p=1: out = 3*3 - 2 + 5 = 12, steps of 10 between the inputs.
    struct Row {
        std::int64_t s;
        std::vector<int> ramp, want;
    };
    const Row rows[] = {
        {2, {0, 40, 80, 120}, {0, 10, 30, 50, 70, 90, 110, 90}},
        {3, {0, 30, 60, 90}, {0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 60}},
    };
    for (const Row& r : rows) {
        CAPTURE(r.s);
        core::Geometry g;
        g.kernel = {1, 2 * r.s - r.s % 2};
        g.stride = {1, r.s};
        g.padding = {core::PaddingMode::Explicit, 0, 1, 0, 1};
        core::Image in = core::blank_image({1, 4}, 1);
        std::transform(r.ramp.begin(), r.ramp.end(), in.pixels.begin(), [](int v) { return static_cast<std::uint8_t>(v); });
        const core::OutputShape shape = core::plan_output_shape(in.size(), g);
        const core::Image out = core::transposed_conv(in, core::bilinear_kernel(g.kernel), shape, 1);
        REQUIRE(out.size() == core::Extent2{1, static_cast<std::int64_t>(r.want.size())});
        for (std::int64_t x = 0; x < out.width; ++x) {
            CAPTURE(x);
            CHECK(out.at(0, x, 0) == r.want[static_cast<std::size_t>(x)]);
        }
    }
}

TEST_CASE("gaussian: binomial rows, scaled to sum to stride_h * stride_w", "[core][kernel]") {
    // k=3 without sigma: (1,2,1) x (1,2,1) / 16, times the stride area.
    check_weights(core::gaussian_kernel({3, 3}, std::nullopt, {1, 1}), {3, 3},
                  {1 / 16.0, 2 / 16.0, 1 / 16.0, 2 / 16.0, 4 / 16.0, 2 / 16.0, 1 / 16.0, 2 / 16.0, 1 / 16.0});
    check_weights(core::gaussian_kernel({3, 3}, std::nullopt, {2, 2}), {3, 3}, {0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25});
    // Non-square, per-axis strides: rows (1,4,6,4,1)/16 * 2, columns (1,1)/2 * 3.
    std::vector<double> want;
    for (double r : {1.0, 4.0, 6.0, 4.0, 1.0})
        for (double c : {1.0, 1.0}) want.push_back(r / 16.0 * 2.0 * c / 2.0 * 3.0);
    check_weights(core::gaussian_kernel({5, 2}, std::nullopt, {2, 3}), {5, 2}, want);
    // With sigma = 1, k = 3: samples exp(-1/2), 1, exp(-1/2), normalised.
    const double e = std::exp(-0.5), s = 2 * e + 1;
    check_weights(core::gaussian_kernel({1, 3}, 1.0, {1, 1}), {1, 3}, {e / s, 1 / s, e / s});
    CHECK_THROWS_AS(core::gaussian_kernel({3, 3}, 0.0, {1, 1}), core::InvalidParams);
    CHECK_THROWS_AS(core::gaussian_kernel({3, 3}, -2.0, {1, 1}), core::InvalidParams);
    CHECK_THROWS_AS(core::gaussian_kernel({3, 3}, std::nan(""), {1, 1}), core::InvalidParams);
}

TEST_CASE("gaussian: short binomial rows are C(k-1, i) / 2^(k-1) exactly", "[core][kernel]") {
    for (std::int64_t k = 1; k <= 51; ++k) {
        CAPTURE(k);
        const core::Kernel g = core::gaussian_kernel({1, k}, std::nullopt, {1, 1});
        std::uint64_t binomial = 1;  // C(k-1, i), exact in 64 bits for these k
        for (std::int64_t i = 0; i < k; ++i) {
            CAPTURE(i);
            CHECK(g.at(0, i) == std::ldexp(static_cast<double>(binomial), -static_cast<int>(k - 1)));
            binomial = binomial * static_cast<std::uint64_t>(k - 1 - i) / static_cast<std::uint64_t>(i + 1);
        }
    }
}

TEST_CASE("gaussian: a binomial row past a double's range keeps its values and its sum", "[core][kernel]") {
    // C(2000, 1000) is about 2^1996, past the largest double: the row must not overflow to inf / inf.
    const std::int64_t k = 2001, n = k - 1;
    const core::Kernel g = core::gaussian_kernel({1, k}, std::nullopt, {1, 1});
    double sum = 0;
    for (const double w : g.weights) sum += w;
    CHECK(sum == Approx(1.0).epsilon(1e-5));
    // The reference: C(n, i) / 2^n through the log-gamma function.
    const auto binomial_share = [&](std::int64_t i) {
        return std::exp(std::lgamma(static_cast<double>(n + 1)) - std::lgamma(static_cast<double>(i + 1)) -
                        std::lgamma(static_cast<double>(n - i + 1)) - static_cast<double>(n) * std::log(2.0));
    };
    for (const std::int64_t i : {1000, 999, 980, 950, 900, 850}) {
        CAPTURE(i);
        CHECK(g.at(0, i) == Approx(binomial_share(i)).epsilon(1e-5));
        CHECK(g.at(0, n - i) == g.at(0, i));
    }
    CHECK(g.at(0, 0) == 0.0f);  // 2^-2000 is no float
}

TEST_CASE("ones: the article's transparent filter", "[core][kernel]") {
    check_weights(core::ones_kernel({2, 3}), {2, 3}, {1, 1, 1, 1, 1, 1});
}

TEST_CASE("kernel values are kept as typed; the float strategies' copies are rounded", "[core][kernel]") {
    const core::Kernel k = core::parse_kernel_spec("0.1,0.7071;-2.5e-7,3").matrix;
    CHECK(k.weights == std::vector<double>{0.1, 0.7071, -2.5e-7, 3.0});
    CHECK(core::float_weights(k) == std::vector<float>{0.1f, 0.7071f, -2.5e-7f, 3.0f});
    const core::Kernel rounded = core::float_rounded(k);
    CHECK(rounded.size == k.size);
    CHECK(rounded.weights == std::vector<double>{0.1f, 0.7071f, -2.5e-7f, 3.0f});
    // A named kernel is kept as computed: a sampled gaussian's weights are not all floats.
    const core::Kernel g = core::gaussian_kernel({1, 5}, 0.8, {1, 1});
    CHECK(g.weights != core::float_rounded(g).weights);
}
