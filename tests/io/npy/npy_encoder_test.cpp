// The .npy writer: an array filled row by row in its own file bytes is the array written at once.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "io/npy/npy_encoder.hpp"

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
