// core::StreamedConvolution: the same pixels as the whole-image convolution for every geometry and
// edge mode, whether PNG-style segments (each reading the row before it) or whole blocks, on one
// thread or several; each input row decoded once, and only a few held at a time.
#include <catch2/catch.hpp>

#include <cstring>

#include "core/conv/row_convolver.hpp"
#include "core/conv/streamed_convolution.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/conv_fixtures.hpp"
#include "core/errors.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"
#include "core/schedule/ordered_tasks.hpp"

namespace {

using namespace tconv;

core::Kernel dense_kernel(test::Rng& rng, core::Extent2 size) {
    core::Kernel k{size, {}};
    for (std::int64_t i = 0; i < size.h * size.w; ++i) k.weights.push_back(static_cast<float>(rng.between(-4, 8)) / 4.0f);
    return k;
}

}  // namespace

TEST_CASE("a streamed input gives the whole image's pixels, in segments or blocks, on 1 or 3 threads", "[core][streamed]") {
    test::Rng rng{std::mt19937_64(2026)};
    for (int round = 0; round < 300; ++round) {
        const core::Geometry g = test::random_geometry(rng);
        const core::Image in =
            test::random_image(rng, rng.between(1, 40), rng.between(1, 9), static_cast<int>(rng.between(1, 4)));
        core::OutputShape shape;
        try {
            shape = core::plan_output_shape(in.size(), g);
        } catch (const core::InvalidParams&) {
            continue;  // a geometry with no output for this size
        }
        const core::Kernel kernel = dense_kernel(rng, g.kernel);
        CAPTURE(test::describe(in, g), round);
        const core::RowConvolver whole(in, kernel, shape);
        const core::Image expected = core::convolved_image(whole, 1);

        test::RowDecoder decoder{in};
        core::RowWindow window(in.height, decoder.row_bytes(), std::ref(decoder));
        const core::RowConvolver convolver(core::InputRows(in.size(), in.channels, in.depth, window), kernel, shape);
        core::StreamedConvolution streamed(convolver, window);
        const int threads = round % 2 == 0 ? 1 : 3;
        if (round % 4 < 2) {
            CHECK(streamed.convolved_image(threads).pixels == expected.pixels);
        } else {
            // Segments of a few rows (two or more), each also reading the row before it, as the PNG
            // writer asks.
            const std::int64_t segment = rng.between(2, 5), out_h = convolver.out().h;
            core::Image got = core::blank_image(convolver.out(), in.channels);
            core::run_in_order(
                (out_h + segment - 1) / segment, threads, 2 * threads,
                [&] {
                    return [&](std::int64_t s) {
                        const std::int64_t y0 = s * segment;
                        streamed.convolve_rows(
                            y0 > 0 ? y0 - 1 : 0, std::min(out_h, y0 + segment), [&](std::int64_t y, const std::uint8_t* row) {
                                std::memcpy(got.pixels.data() + static_cast<std::size_t>(y) * convolver.row_bytes(), row,
                                            convolver.row_bytes());
                            });
                        return 0;
                    };
                },
                [](std::int64_t, int) {});
            CHECK(got.pixels == expected.pixels);
        }
    }
}

TEST_CASE("a streamed input holds a few rows, not the image", "[core][streamed]") {
    // 600 rows of 2048 pixels, bilinear k4 s2 with replicated edges: each output row reads two input
    // rows, and a block of output rows (about 1 MiB: 85 rows) reads 44.
    test::Rng rng{std::mt19937_64(7)};
    const core::Image in = test::random_image(rng, 600, 2048, 3);
    const core::Geometry g = test::scale2_geometry();
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    const core::Kernel kernel = core::bilinear_kernel(g.kernel);
    test::RowDecoder decoder{in};
    core::RowWindow window(in.height, decoder.row_bytes(), std::ref(decoder));
    const core::RowConvolver convolver(core::InputRows(in.size(), in.channels, in.depth, window), kernel, shape);
    core::StreamedConvolution streamed(convolver, window);
    const core::Image got = streamed.convolved_image(1);
    CHECK(got.pixels == core::convolved_image(core::RowConvolver(in, kernel, shape), 1).pixels);
    CHECK(decoder.next == in.height);
    CHECK(window.peak_rows() <= 46);  // one block's rows, and the one before it
}
