// core::RealConvolver: the real-valued sums a row at a time equal, to the last bit, the literal gather
// written below (each output sample's taps in order, rows then columns, the edge mode applied per
// position), for random geometries, every edge mode, 8 and 16 bits, stored and premultiplied samples;
// whole, in bands on 1 and 3 threads, and streamed through a RowWindow in blocks, in order on 1 and 3
// threads, reading each input row once and holding few.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <functional>

#include "core/conv/axis_phases.hpp"
#include "core/conv/premultiplied_alpha.hpp"
#include "core/conv/real_conv.hpp"
#include "core/conv/real_convolver.hpp"
#include "core/conv/streamed_rows.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"
#include "core/schedule/ordered_tasks.hpp"

namespace {

using namespace tconv;

/// The sums as the article gathers them: for output (y, x), each row tap (i, a) of y in tap order, then
/// each column tap (j, b) of x in tap order, adding x_edge[i][j] * w[a][b] to a sum that starts at 0.
/// Premultiplied: colours times alpha / max in, divided by the summed alpha out.
core::RealImage gathered(const core::Image& in, const core::Kernel& kernel, const core::OutputShape& shape, bool premultiplied) {
    core::RealImage x = core::real_image(in);
    const int ch = in.channels;
    const double max = in.max_value();
    if (premultiplied)
        for (std::size_t p = 0; p < x.values.size(); p += static_cast<std::size_t>(ch))
            for (int c = 0; c + 1 < ch; ++c) x.values[p + c] = x.values[p + c] * x.values[p + ch - 1] / max;
    const core::Extent2 out = shape.out();
    core::RealImage sums{out, ch, std::vector<double>(static_cast<std::size_t>(out.h * out.w * ch), 0.0)};
    const core::AxisPhases rows(shape.rows, shape.edge), cols(shape.cols, shape.edge);
    for (std::int64_t y = 0; y < out.h; ++y)
        for (std::int64_t xo = 0; xo < out.w; ++xo)
            for (int c = 0; c < ch; ++c) {
                double sum = 0.0;
                rows.taps_at(y, [&](std::int64_t i, std::int64_t a) {
                    cols.taps_at(xo, [&](std::int64_t j, std::int64_t b) { sum += x.at(i, j, c) * kernel.at(a, b); });
                });
                sums.values[static_cast<std::size_t>((y * out.w + xo) * ch + c)] = sum;
            }
    if (premultiplied)
        for (std::size_t p = 0; p < sums.values.size(); p += static_cast<std::size_t>(ch)) {
            const double a = sums.values[p + ch - 1];
            for (int c = 0; c + 1 < ch; ++c) sums.values[p + c] = a > 0 ? sums.values[p + c] * max / a : 0.0;
        }
    return sums;
}

/// Weights that are not dyadic (sevenths, some negative, some zero), so that sums in another order
/// would differ in their last bits.
core::Kernel sevenths_kernel(test::Rng& rng, core::Extent2 size) {
    core::Kernel k{size, {}};
    for (std::int64_t i = 0; i < size.h * size.w; ++i) k.weights.push_back(static_cast<double>(rng.between(-5, 12)) / 7.0);
    return k;
}

/// `image` at 16 bits, each sample's low byte unrelated to its high byte.
core::Image widened(test::Rng& rng, const core::Image& image) {
    core::Image wide = core::blank_image(image.size(), image.channels, 16);
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        const auto v = static_cast<std::uint16_t>(image.pixels[i] * 256 + rng.between(0, 255));
        std::memcpy(wide.pixels.data() + 2 * i, &v, 2);
    }
    return wide;
}

/// Every row of a convolver over a streamed `in`, in blocks of `block` rows computed in order on `threads`;
/// with `peak_rows`, checks that every input row was read and says how many the window held at most.
core::RealImage streamed_sums(const core::Image& in, const core::Kernel& kernel, const core::OutputShape& shape,
                              core::RealSamples samples, std::int64_t block, int threads, std::int64_t* peak_rows = nullptr) {
    test::RowDecoder decoder{in};
    core::RowWindow window(in.height, decoder.row_bytes(), std::ref(decoder));
    const core::RealConvolver convolver(core::InputRows(in.size(), in.channels, in.depth, window), kernel, shape, samples);
    core::StreamedRows streamed(
        convolver.out().h, [&](std::int64_t y0, std::int64_t y1) { return convolver.input_rows(y0, y1); }, window);
    const core::Extent2 out = convolver.out();
    core::RealImage got{out, in.channels, std::vector<double>(static_cast<std::size_t>(out.h) * convolver.row_len(), -1.0)};
    core::run_in_order((out.h + block - 1) / block, threads, 2 * threads,
                       [&] {
                           return [&](std::int64_t b) {
                               const std::int64_t y0 = b * block, y1 = std::min(out.h, y0 + block);
                               streamed.run(y0, y1, [&] {
                                   convolver.sum_rows(y0, y1, [&](std::int64_t y, const double* row) {
                                       std::copy_n(row, convolver.row_len(),
                                                   got.values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) *
                                                                                                    convolver.row_len()));
                                   });
                               });
                               return 0;
                           };
                       },
                       [](std::int64_t, int) {});
    if (peak_rows != nullptr) {
        CHECK(decoder.next == in.height);  // each row decoded once
        *peak_rows = window.peak_rows();
    }
    return got;
}

/// Fails unless every value of `got` is bit for bit `want`'s.
void check_same(const core::RealImage& got, const core::RealImage& want, const char* path) {
    CAPTURE(path);
    REQUIRE(got.size == want.size);
    REQUIRE(got.channels == want.channels);
    REQUIRE(got.values.size() == want.values.size());
    for (std::size_t i = 0; i < want.values.size(); ++i) {
        if (std::memcmp(&got.values[i], &want.values[i], sizeof(double)) == 0) continue;
        CAPTURE(i, got.values[i], want.values[i]);
        FAIL("sum differs from the gather's");
    }
}

}  // namespace

TEST_CASE("RealConvolver's rows are the gather's sums, whole or streamed, on 1 or 3 threads", "[core][real]") {
    test::Rng rng{std::mt19937_64(2027)};
    int compared = 0, edges[3] = {0, 0, 0};
    for (int round = 0; round < 400; ++round) {
        const core::Geometry g = test::random_geometry(rng);
        const int channels = static_cast<int>(rng.between(1, 4));
        core::Image in = test::random_image(rng, rng.between(1, 30), rng.between(1, 9), channels);
        if (round % 3 == 2) in = widened(rng, in);
        core::OutputShape shape;
        try {
            shape = core::plan_output_shape(in.size(), g);
        } catch (const core::InvalidParams&) {
            continue;  // a geometry with no output for this size
        }
        const core::Kernel kernel = sevenths_kernel(rng, g.kernel);
        const bool premultiplied = core::has_alpha(channels) && round % 2 == 0;
        const auto samples = premultiplied ? core::RealSamples::Premultiplied : core::RealSamples::Stored;
        CAPTURE(test::describe(in, g), in.depth, premultiplied, round);
        const core::RealImage want = gathered(in, kernel, shape, premultiplied);

        check_same(core::real_sums(core::RealConvolver(in, kernel, shape, samples), 1), want, "whole, 1 thread");
        check_same(core::real_sums(core::RealConvolver(in, kernel, shape, samples), 3), want, "whole, 3 threads");
        const std::int64_t block = rng.between(1, 6);
        check_same(streamed_sums(in, kernel, shape, samples, block, 1), want, "streamed, 1 thread");
        check_same(streamed_sums(in, kernel, shape, samples, block, 3), want, "streamed, 3 threads");
        ++compared;
        ++edges[static_cast<int>(g.edge)];
    }
    CHECK(compared >= 250);
    for (const int n : edges) CHECK(n >= 50);  // every edge mode
}

TEST_CASE("the whole-image drivers are RealConvolver's sums", "[core][real]") {
    test::Rng rng{std::mt19937_64(11)};
    const core::Image in = test::random_image(rng, 9, 7, 4);
    const core::Geometry g = test::scale2_geometry();
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    const core::Kernel kernel = core::bilinear_kernel(g.kernel);
    check_same(core::transposed_conv_real(in, kernel, shape, 2), gathered(in, kernel, shape, false), "transposed_conv_real");
    check_same(core::transposed_conv_premultiplied(in, kernel, shape, 2), gathered(in, kernel, shape, true),
               "transposed_conv_premultiplied");
}

TEST_CASE("premultiplied sums need an alpha channel", "[core][real]") {
    test::Rng rng{std::mt19937_64(3)};
    const core::Image rgb = test::random_image(rng, 2, 2, 3);
    core::Geometry g;
    g.kernel = {2, 2};
    g.stride = {2, 2};
    const core::OutputShape shape = core::plan_output_shape(rgb.size(), g);
    CHECK_THROWS_AS(core::RealConvolver(rgb, core::bilinear_kernel(g.kernel), shape, core::RealSamples::Premultiplied),
                    core::InvalidParams);
}

TEST_CASE("a streamed input's premultiplied sums hold a few rows, not the image", "[core][real]") {
    // 600 rows of 512 RGBA pixels, bilinear k4 s2 with replicated edges: each output row reads two input
    // rows, and a block of 64 output rows reads 33.
    test::Rng rng{std::mt19937_64(8)};
    const core::Image in = test::random_image(rng, 600, 512, 4);
    const core::Geometry g = test::scale2_geometry();
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    const core::Kernel kernel = core::bilinear_kernel(g.kernel);
    std::int64_t peak = 0;
    const core::RealImage got = streamed_sums(in, kernel, shape, core::RealSamples::Premultiplied, 64, 1, &peak);
    check_same(got, core::transposed_conv_premultiplied(in, kernel, shape, 1), "streamed");
    CHECK(peak <= 35);  // one block's rows, and the one before it
}

TEST_CASE("quantised_rows rounds the sums as the pixel strategies do, at 8 and 16 bits", "[core][real]") {
    const std::vector<double> row = {-3.0, 0.49, 0.5, 254.5, 255.0, 300.0, 1000.5, 65534.5, 70000.0};
    const core::RealRowProducer sums = [&](std::int64_t y0, std::int64_t y1, const core::RealRowSink& sink) {
        for (std::int64_t y = y0; y < y1; ++y) sink(y, row.data());
    };
    std::vector<std::uint8_t> got8, got16;
    core::quantised_rows(sums, 8, row.size())(0, 1,
                                              [&](std::int64_t, const std::uint8_t* px) { got8.assign(px, px + row.size()); });
    CHECK(got8 == std::vector<std::uint8_t>{0, 0, 1, 255, 255, 255, 255, 255, 255});
    core::quantised_rows(sums, 16, row.size())(0, 1, [&](std::int64_t, const std::uint8_t* px) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            std::uint16_t v = 0;
            std::memcpy(&v, px + 2 * i, 2);
            got16.push_back(static_cast<std::uint8_t>(v >> 8));
            got16.push_back(static_cast<std::uint8_t>(v & 0xff));
        }
    });
    // 0, 0, 1, 255, 255, 300, 1001, 65535, 65535 as high, low bytes.
    CHECK(got16 == std::vector<std::uint8_t>{0, 0, 0, 0, 0, 1, 0, 255, 0, 255, 1, 44, 3, 233, 255, 255, 255, 255});
}
