// samples/article.png and pictures::article_image() are the same picture (the demo writes the latter;
// README's commands read the former).
#include <catch2/catch.hpp>

#include <string>

#include "io/input/image_file.hpp"
#include "pictures/article_image.hpp"

TEST_CASE("samples/article.png holds the article's image", "[io][demo]") {
    const tconv::io::LoadedImage loaded = tconv::io::load_image(std::string(TCONV_TEST_DATA) + "/../samples/article.png", {});
    const tconv::core::Image want = tconv::pictures::article_image();
    REQUIRE(loaded.image.size() == want.size());
    REQUIRE(loaded.image.channels == want.channels);
    for (std::int64_t y = 0; y < want.height; ++y)
        for (std::int64_t x = 0; x < want.width; ++x)
            for (int c = 0; c < want.channels; ++c) {
                CAPTURE(y, x, c);
                CHECK(loaded.image.at(y, x, c) == want.at(y, x, c));
            }
}
