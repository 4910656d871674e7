// The .npy writer: an array filled row by row in its own file bytes is the array written at once.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/image/row_stream.hpp"
#include "io/npy/npy_encoder.hpp"
#include "io/output/byte_sink.hpp"

namespace io = tconv::io;

TEST_CASE("NpyFloat32File filled row by row, in any order, holds what encode_npy_float32 writes", "[io][npy]") {
    const std::int64_t shape[] = {2, 3, 2};
    const std::vector<float> values{0.5f, -1.0f, 2.0f, 3.25f, 1e30f, -0.0f, 7.0f, 8.0f, 9.0f, 10.0f, 11.0f, 12.5f};
    io::NpyFloat32File file(shape);
    const std::vector<double> second_row{7.0, 8.0, 9.0, 10.0, 11.0, 12.5};
    file.put(6, second_row);  // doubles, rounded to float32
    file.put(0, std::span<const float>(values).first(6));
    CHECK(std::move(file).release() == io::encode_npy_float32(shape, values));
}

TEST_CASE("NpyFloat32File refuses values past the array's end", "[io][npy]") {
    const std::int64_t shape[] = {2, 2};
    io::NpyFloat32File file(shape);
    const std::vector<double> three{1.0, 2.0, 3.0};
    CHECK_THROWS_AS(file.put(2, three), std::invalid_argument);
    CHECK_NOTHROW(file.put(1, three));
}

TEST_CASE("encode_npy_rows writes the bytes of the whole array, in blocks over 1 or 3 threads", "[io][npy]") {
    // 600 rows of 500 x 3 float32: 6000 bytes a row, several blocks of about 1 MiB.
    const tconv::core::Extent2 size{600, 500};
    const int channels = 3;
    const auto row_len = static_cast<std::size_t>(size.w * channels);
    std::vector<double> values(static_cast<std::size_t>(size.h) * row_len);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i % 977) / 3.0 - 100.0;  // not float32s
    const std::int64_t shape[] = {size.h, size.w, channels};
    io::NpyFloat32File whole(shape);
    whole.put(0, values);
    const std::vector<std::uint8_t> want = std::move(whole).release();
    const tconv::core::RealRowProducer rows = [&](std::int64_t y0, std::int64_t y1, const tconv::core::RealRowSink& sink) {
        for (std::int64_t y = y0; y < y1; ++y) sink(y, values.data() + static_cast<std::size_t>(y) * row_len);
    };
    for (const int threads : {1, 3}) {
        CAPTURE(threads);
        io::MemorySink sink;
        io::encode_npy_rows(size, channels, rows, threads, sink);
        const std::vector<std::uint8_t> got = sink.joined();
        REQUIRE(got.size() == want.size());
        const bool same = got == want;  // not the vectors themselves: Catch would print 3.6 MB of them
        CHECK(same);
        CHECK(sink.spans().size() > 3);  // written a block at a time
    }
    // The header NumPy writes, its data at byte 128.
    const std::string header(want.begin() + 10, want.begin() + 128);
    CHECK(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (600, 500, 3), }", 0) == 0);
    CHECK(header.back() == '\n');
}
