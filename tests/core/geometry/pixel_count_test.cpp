// What --max-pixels counts: pixels up to 4 bytes each, bytes / 4 beyond.
#include <catch2/catch.hpp>

#include <cstdint>

#include "core/geometry/pixel_count.hpp"

namespace core = tconv::core;

TEST_CASE("counted pixels: an image of up to 4 bytes a pixel counts its pixels", "[core][pixel_count]") {
    CHECK(core::counted_pixels({{1024, 1024}, 1, 1}) == 1048576);  // 8-bit grey
    CHECK(core::counted_pixels({{1024, 1024}, 4, 1}) == 1048576);  // 8-bit RGBA
    CHECK(core::counted_pixels({{1024, 1024}, 2, 2}) == 1048576);  // 16-bit grey + alpha
    CHECK(core::counted_pixels({{1024, 1024}, 1, 4}) == 1048576);  // one float32 value
    CHECK_FALSE(core::counts_bytes({{1024, 1024}, 4, 1}));
}

TEST_CASE("counted pixels: a wider pixel counts its bytes / 4", "[core][pixel_count]") {
    // 16-bit RGBA 16384x16384: 2^28 pixels of 8 bytes = 2^31 bytes, counted as 2^29 pixels.
    const core::ImageFootprint rgba16{{16384, 16384}, 4, 2};
    CHECK(core::counts_bytes(rgba16));
    CHECK(core::footprint_bytes(rgba16) == std::int64_t{1} << 31);
    CHECK(core::counted_pixels(rgba16) == std::int64_t{1} << 29);
    // 16-bit RGB: 6 bytes, 1.5 pixels each, rounded up over the whole image.
    CHECK(core::counted_pixels({{1, 3}, 3, 2}) == 5);
    // A layer's 256 float32 values a pixel on 1024x1024: 2^30 bytes, 2^28 pixels.
    CHECK(core::counted_pixels({{1024, 1024}, 256, 4}) == 268435456);
}

TEST_CASE("counted pixels: frames multiply, and the count saturates", "[core][pixel_count]") {
    CHECK(core::counted_pixels({{4000, 4000}, 3, 1, 4097}) == std::int64_t{4097} * 4000 * 4000);
    CHECK(core::counted_pixels({{std::int64_t{1} << 31, std::int64_t{1} << 31}, 65536, 4, 10000}) == INT64_MAX);
    CHECK(core::footprint_bytes({{std::int64_t{1} << 31, std::int64_t{1} << 31}, 3, 1, 1 << 20}) == INT64_MAX);
}
