// decode_layer_input: an .npy array's values as they are (any channel count, real values), images
// through the image decoders, and the refusals of decode_npy_values.
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "io/io_error.hpp"
#include "io/layers/layer_input.hpp"
#include "io/npy/npy_encoder.hpp"
#include "io/png/png_encoder.hpp"

using namespace tconv;

TEST_CASE("decode_layer_input gives an .npy array's values as they are, any channel count", "[io][layer]") {
    const std::int64_t shape[] = {2, 3, 6};
    std::vector<float> values(36);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i) * -1.5f + 0.25f;
    const auto bytes = io::encode_npy_float32(shape, values);
    const io::LayerInput in = io::decode_layer_input(bytes, "f.npy", {});
    REQUIRE(in.npy);
    CHECK_FALSE(in.image);
    CHECK(in.npy->size == core::Extent2{2, 3});
    CHECK(in.npy->channels == 6);
    CHECK(in.npy->at(1, 2, 5) == static_cast<double>(values[35]));
    CHECK(in.npy->at(0, 1, 0) == static_cast<double>(values[6]));
}

TEST_CASE("decode_layer_input refuses a value that is not finite, naming where it is", "[io][layer]") {
    const std::int64_t shape[] = {1, 2, 2};
    const std::vector<float> values{1, 2, std::numeric_limits<float>::infinity(), 4};
    const auto bytes = io::encode_npy_float32(shape, values);
    CHECK_THROWS_WITH(io::decode_layer_input(bytes, "f.npy", {}),
                      "cannot decode array (.npy value inf at (0, 1, 0) is not finite)");
}

TEST_CASE("decode_layer_input reads an image through the image decoders", "[io][layer]") {
    core::Image img = core::blank_image({2, 3}, 3);
    img.pixels[5] = 200;
    const auto bytes = io::encode_png(img);
    const io::LayerInput in = io::decode_layer_input(bytes, "i.png", {});
    REQUIRE(in.image);
    CHECK_FALSE(in.npy);
    CHECK(in.image->image.pixels == img.pixels);
}
