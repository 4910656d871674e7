// io::encode_image in every format, decoded again by the libraries that read them (libjpeg-turbo,
// libwebp, libtiff, stb): lossless formats give back every sample, JPEG and lossy WebP come close;
// grey is spread to RGB where the format has no grey, and alpha is kept where it has one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "io/input/image_file.hpp"
#include "io/output/image_encoder.hpp"

namespace {

using tconv::io::OutputFormat;

/// 6 rows x 10 columns of smooth ramps in each of `channels` channels.
tconv::core::Image ramp(int channels) {
    tconv::core::Image image = tconv::core::unwritten_image({6, 10}, channels);
    for (std::int64_t y = 0; y < 6; ++y)
        for (std::int64_t x = 0; x < 10; ++x)
            for (int c = 0; c < channels; ++c)
                image.pixels[static_cast<std::size_t>((y * 10 + x) * channels + c)] =
                    static_cast<std::uint8_t>(8 * x + 10 * y + 40 * c);
    return image;
}

/// Encodes and decodes; checks size and channels, and every sample of the decoded channel d
/// against the source channel `source_of[d]` within `tolerance`.
void round_trip(OutputFormat format, int channels, int decoded_channels, std::initializer_list<int> source_of, int tolerance,
                const tconv::io::EncodeOptions& options = {}) {
    CAPTURE(tconv::io::output_format_text(format), channels);
    const tconv::core::Image in = ramp(channels);
    const auto bytes = tconv::io::encode_image(in, format, options);
    const auto out = tconv::io::decode_image(bytes, "out", {}).image;
    REQUIRE(out.size() == in.size());
    REQUIRE(out.channels == decoded_channels);
    const std::vector<int> map(source_of);
    int worst = 0;
    for (std::int64_t y = 0; y < 6; ++y)
        for (std::int64_t x = 0; x < 10; ++x)
            for (int d = 0; d < decoded_channels; ++d) worst = std::max(worst, std::abs(out.at(y, x, d) - in.at(y, x, map[d])));
    CHECK(worst <= tolerance);
}

}  // namespace

TEST_CASE("encode_image writes lossless formats that decode to the same samples", "[io][encode]") {
    round_trip(OutputFormat::tiff, 1, 1, {0}, 0);
    round_trip(OutputFormat::tiff, 2, 2, {0, 1}, 0);
    round_trip(OutputFormat::tiff, 3, 3, {0, 1, 2}, 0);
    round_trip(OutputFormat::tiff, 4, 4, {0, 1, 2, 3}, 0);
}

TEST_CASE("encode_image writes PAM as netpbm defines it", "[io][encode]") {
    // No decoder here reads P7, so the bytes are checked: the header, then the samples as they are.
    const auto image = ramp(2);
    const auto bytes = tconv::io::encode_image(image, OutputFormat::pam, {});
    const std::string header = "P7\nWIDTH 10\nHEIGHT 6\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n";
    REQUIRE(bytes.size() == header.size() + image.pixels.size());
    CHECK(std::string(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header.size())) == header);
    CHECK(std::equal(image.pixels.begin(), image.pixels.end(), bytes.begin() + static_cast<std::ptrdiff_t>(header.size())));
    const auto rgba = tconv::io::encode_image(ramp(4), OutputFormat::pam, {});
    CHECK(std::string(rgba.begin(), rgba.begin() + 60).find("TUPLTYPE RGB_ALPHA\n") != std::string::npos);
}

TEST_CASE("encode_image writes BMP and TGA with alpha, grey spread to RGB in BMP", "[io][encode]") {
    round_trip(OutputFormat::bmp, 1, 3, {0, 0, 0}, 0);
    round_trip(OutputFormat::bmp, 3, 3, {0, 1, 2}, 0);
    round_trip(OutputFormat::bmp, 4, 4, {0, 1, 2, 3}, 0);
    round_trip(OutputFormat::tga, 1, 1, {0}, 0);
    round_trip(OutputFormat::tga, 2, 4, {0, 0, 0, 1}, 0);
    round_trip(OutputFormat::tga, 3, 3, {0, 1, 2}, 0);
    round_trip(OutputFormat::tga, 4, 4, {0, 1, 2, 3}, 0);
}

TEST_CASE("encode_image writes binary PNM without alpha", "[io][encode]") {
    round_trip(OutputFormat::pnm, 1, 1, {0}, 0);
    round_trip(OutputFormat::pnm, 2, 1, {0}, 0);
    round_trip(OutputFormat::pnm, 3, 3, {0, 1, 2}, 0);
    round_trip(OutputFormat::pnm, 4, 3, {0, 1, 2}, 0);
}

TEST_CASE("encode_image writes WebP lossless exactly and lossy closely", "[io][encode]") {
    round_trip(OutputFormat::webp, 3, 3, {0, 1, 2}, 0, {90, true});
    round_trip(OutputFormat::webp, 4, 4, {0, 1, 2, 3}, 0, {90, true});
    round_trip(OutputFormat::webp, 1, 3, {0, 0, 0}, 0, {90, true});
    round_trip(OutputFormat::webp, 3, 3, {0, 1, 2}, 24, {90, false});
}

TEST_CASE("encode_image writes JPEG close to the source and drops alpha", "[io][encode]") {
    round_trip(OutputFormat::jpeg, 1, 1, {0}, 10);
    round_trip(OutputFormat::jpeg, 2, 1, {0}, 10);
    round_trip(OutputFormat::jpeg, 3, 3, {0, 1, 2}, 10);
    round_trip(OutputFormat::jpeg, 4, 3, {0, 1, 2}, 10);
    // Quality decides the size: 10 is far smaller than 100.
    const auto image = ramp(3);
    CHECK(tconv::io::encode_image(image, OutputFormat::jpeg, {10, false}).size() <
          tconv::io::encode_image(image, OutputFormat::jpeg, {100, false}).size());
}

namespace {

/// 6 x 10 16-bit samples whose high and low bytes both vary: 4099 * x + 1031 * y + 9001 * c, mod 65536.
tconv::core::Image ramp16(int channels) {
    tconv::core::Image image = tconv::core::unwritten_image({6, 10}, channels, 16);
    for (std::int64_t y = 0; y < 6; ++y)
        for (std::int64_t x = 0; x < 10; ++x)
            for (int c = 0; c < channels; ++c) {
                const auto v = static_cast<std::uint16_t>((4099 * x + 1031 * y + 9001 * c) % 65536);
                std::memcpy(image.pixels.data() + 2 * static_cast<std::size_t>((y * 10 + x) * channels + c), &v, 2);
            }
    return image;
}

}  // namespace

TEST_CASE("encode_image writes 16-bit TIFF and PNM that decode to the same 16-bit samples", "[io][encode]") {
    for (const OutputFormat format : {OutputFormat::tiff, OutputFormat::pnm})
        for (const int channels : {1, 3, 4}) {
            CAPTURE(tconv::io::output_format_text(format), channels);
            const auto in = ramp16(channels);
            const auto out = tconv::io::decode_image(tconv::io::encode_image(in, format, {}), "out", {}).image;
            REQUIRE(out.depth == 16);
            const int kept = format == OutputFormat::pnm && channels == 4 ? 3 : channels;
            REQUIRE(out.channels == kept);
            for (std::int64_t y = 0; y < 6; ++y)
                for (std::int64_t x = 0; x < 10; ++x)
                    for (int c = 0; c < kept; ++c) {
                        CAPTURE(y, x, c);
                        REQUIRE(out.sample(y, x, c) == in.sample(y, x, c));
                    }
        }
}

TEST_CASE("encode_image writes 16-bit PAM big-endian with MAXVAL 65535", "[io][encode]") {
    const auto image = ramp16(2);
    const auto bytes = tconv::io::encode_image(image, OutputFormat::pam, {});
    const std::string header = "P7\nWIDTH 10\nHEIGHT 6\nDEPTH 2\nMAXVAL 65535\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n";
    REQUIRE(bytes.size() == header.size() + image.pixels.size());
    CHECK(std::string(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header.size())) == header);
    // Pixel (0, 1) channel 1: 4099 + 9001 = 13100 = 0x332C, most significant byte first.
    CHECK(int{bytes[header.size() + 6]} == 0x33);
    CHECK(int{bytes[header.size() + 7]} == 0x2C);
}

TEST_CASE("encode_image refuses 16-bit samples for the 8-bit formats", "[io][encode]") {
    for (const OutputFormat format : {OutputFormat::jpeg, OutputFormat::webp, OutputFormat::bmp, OutputFormat::tga}) {
        CAPTURE(tconv::io::output_format_text(format));
        CHECK_THROWS_WITH(
            tconv::io::encode_image(ramp16(3), format, {}),
            std::string("cannot encode 16-bit samples as ") + tconv::io::output_format_text(format) + " (8 bits at most)");
    }
}

TEST_CASE("encode_image_rows writes, from blocks of rows on 3 threads, the bytes encode_image writes", "[io][encode]") {
    // 1300 rows of 700 RGB(A) pixels: several 1 MiB blocks of rows, and a BMP placed bottom-up in
    // several runs. Decoded again by libtiff and stb, and compared with the whole image's bytes.
    for (const int channels : {3, 4})
        for (const OutputFormat format :
             {OutputFormat::tiff, OutputFormat::bmp, OutputFormat::tga, OutputFormat::pnm, OutputFormat::pam}) {
            CAPTURE(tconv::io::output_format_text(format), channels);
            tconv::core::Image in = tconv::core::unwritten_image({1300, 700}, channels);
            std::uint32_t state = 12345;
            for (auto& v : in.pixels) v = static_cast<std::uint8_t>((state = state * 1664525u + 1013904223u) >> 24);
            const std::size_t row_bytes = static_cast<std::size_t>(700 * channels);
            tconv::io::MemorySink sink;
            tconv::io::encode_image_rows(
                in.size(), channels, 8,
                [&](std::int64_t y0, std::int64_t y1, const tconv::core::RowSink& rows) {
                    for (std::int64_t y = y0; y < y1; ++y) rows(y, in.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
                },
                format, 3, sink);
            const std::vector<std::uint8_t> bytes = sink.joined();
            CHECK(bytes == tconv::io::encode_image(in, format, {}));
            if (format == OutputFormat::pnm || format == OutputFormat::pam) continue;  // read back by tconv's own reader
            const auto out = tconv::io::decode_image(bytes, "out", {}).image;
            REQUIRE(out.size() == in.size());
            REQUIRE(out.channels == channels);
            CHECK(out.pixels == in.pixels);
        }
}
