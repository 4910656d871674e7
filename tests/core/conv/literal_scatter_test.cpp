// The literal scatter every reference shares: stamps placed by hand, the window and its output padding,
// any cut of the input pixels into calls giving the same bits, and edge modes as an extended input.
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/literal_scatter.hpp"
#include "core/geometry/edge_mode.hpp"
#include "core/geometry/output_shape.hpp"

using namespace tconv::core;

namespace {

OutputShape plan(Extent2 in, Extent2 k, Extent2 s, std::int64_t p = 0) {
    Geometry g;
    g.kernel = k;
    g.stride = s;
    g.padding = Padding{PaddingMode::Explicit, p, p, p, p};
    return plan_output_shape(in, g);
}

/// A row-major plane read as sample(i, j) / weight(a, b).
struct Plane {
    std::int64_t w;
    std::vector<double> v;
    double operator()(std::int64_t i, std::int64_t j) const { return v[static_cast<std::size_t>(i * w + j)]; }
};

}  // namespace

TEST_CASE("literal scatter: overlapping stamps add, stride 1", "[core][scatter]") {
    // x = [1 2; 3 4], w = [1 10; 100 1000]: each output sums the stamps that reach it.
    const OutputShape shape = plan({2, 2}, {2, 2}, {1, 1});
    std::vector<double> out(9, 0.0);
    scatter_pixels(shape, 0, 4, Plane{2, {1, 2, 3, 4}}, Plane{2, {1, 10, 100, 1000}}, out.data(), 1);
    CHECK(out == std::vector<double>{1, 12, 20, 103, 1234, 2040, 300, 3400, 4000});
}

TEST_CASE("literal scatter: stride offsets, dilation, the window and its output padding", "[core][scatter]") {
    // One row of x = 1 2 3, w = 1 10 dilated by 2, stride 3: full buffer 1 0 10 2 0 20 3 0 30 (9 wide);
    // padding 1 on the left crops its first entry, output padding 1 adds one past its end that no term
    // reaches, left as it was.
    Geometry g;
    g.kernel = {1, 2};
    g.stride = {1, 3};
    g.dilation = {1, 2};
    g.padding = Padding{PaddingMode::Explicit, 0, 1, 0, 0};
    g.output_padding = Extent2{0, 1};
    const OutputShape shape = plan_output_shape({1, 3}, g);
    REQUIRE(shape.out() == Extent2{1, 9});
    std::vector<double> out(18, -1.0);  // pitch 2: the odd entries are another channel's, untouched
    for (std::size_t i = 0; i < out.size(); i += 2) out[i] = 0.0;
    out[16] = 7.0;
    scatter_pixels(shape, 0, 3, Plane{3, {1, 2, 3}}, Plane{2, {1, 10}}, out.data(), 2);
    CHECK(out == std::vector<double>{0, -1, 10, -1, 2, -1, 0, -1, 20, -1, 3, -1, 0, -1, 30, -1, 7, -1});
}

TEST_CASE("literal scatter: any cut of the pixels into calls gives the whole's bits", "[core][scatter]") {
    // Non-integer samples and weights, so that a sum in another order would round differently.
    std::mt19937_64 engine(5);
    std::uniform_real_distribution<double> u(-3.0, 3.0);
    const OutputShape shape = plan({5, 6}, {3, 4}, {2, 1}, 1);
    Plane x{6, std::vector<double>(30)}, w{4, std::vector<double>(12)};
    for (double& v : x.v) v = u(engine);
    for (double& v : w.v) v = u(engine);
    const auto size = static_cast<std::size_t>(shape.rows.out * shape.cols.out);
    std::vector<double> whole(size, 0.0);
    scatter_pixels(shape, 0, 30, x, w, whole.data(), 1);
    for (const std::vector<std::int64_t>& cuts : {std::vector<std::int64_t>{0, 1, 2, 30}, {0, 7, 8, 8, 29, 30}, {0, 13, 30}}) {
        std::vector<double> parts(size, 0.0);
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) scatter_pixels(shape, cuts[k], cuts[k + 1], x, w, parts.data(), 1);
        CHECK(parts == whole);
    }
    // The first n pixels only: pixel 0's stamp is w itself, cut to the window (padding 1 crops tap row 0).
    std::vector<double> first(size, 0.0);
    scatter_pixels(shape, 0, 1, x, w, first.data(), 1);
    CHECK(first[0] == x(0, 0) * w(1, 1));
    CHECK(first[static_cast<std::size_t>(shape.cols.out) + 2] == x(0, 0) * w(2, 3));
    CHECK(first[3] == 0.0);
}

TEST_CASE("literal scatter: edge modes read the input extended by the mode", "[core][scatter]") {
    // One row 1 2 4, w = 1 1 1 stride 1 padding 1 (out 3 wide): out[x] = x[x-1] + x[x] + x[x+1], the
    // missing neighbour read as the mode gives it.
    for (const auto& [edge, want] :
         {std::pair{EdgeMode::Zero, std::vector<double>{3, 7, 6}}, std::pair{EdgeMode::Replicate, std::vector<double>{4, 7, 10}},
          std::pair{EdgeMode::Reflect, std::vector<double>{5, 7, 8}}}) {
        CAPTURE(edge_mode_name(edge));
        Geometry g;
        g.kernel = {1, 3};
        g.stride = {1, 1};
        g.padding = Padding{PaddingMode::Explicit, 0, 1, 0, 1};
        g.edge = edge;
        const OutputShape shape = plan_output_shape({1, 3}, g);
        std::vector<double> out(3, 0.0);
        scatter_plane(shape, Plane{3, {1, 2, 4}}, Plane{3, {1, 1, 1}}, out.data(), 1);
        CHECK(out == want);
    }
}
