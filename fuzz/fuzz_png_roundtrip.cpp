// libFuzzer target: the PNG writer round-tripped through an independent decoder. The bytes choose an
// image (size, channels, depth, samples), a compression level and a segment size; io::encode_png writes it
// and io::decode_image (libspng: its own inflate, its own unfiltering) must read back the same samples.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/image/image.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/png/png_encoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tconv;
    if (size < 5) return 0;
    const std::int64_t h = 1 + data[0] % 48, w = 1 + data[1] % 48;
    const int channels = 1 + data[2] % 4;
    const int depth = data[2] & 4 ? 16 : 8;
    io::PngOptions options;
    options.compression = data[3] % (io::max_png_compression + 1);
    options.segment_rows = data[4] % 5;  // 0: the default; 1..4 rows force many segments
    const std::span<const std::uint8_t> samples = std::span(data, size).subspan(5);
    core::Image image = core::blank_image({h, w}, channels, depth);
    // The samples repeat when there are too few: runs and repeated rows, as upsampled images have.
    for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = samples.empty() ? 0 : samples[i % samples.size()];
    const int threads = 1 + data[4] / 128;
    const std::vector<std::uint8_t> png = io::encode_png(image, options, threads);
    try {
        const io::LoadedImage back = io::decode_image(png, "roundtrip", io::LoadLimits{});
        if (back.image.height != h || back.image.width != w || back.image.channels != channels || back.image.depth != depth)
            std::abort();
        for (std::size_t i = 0; i < image.pixels.size(); ++i)
            if (back.image.pixels[i] != image.pixels[i]) std::abort();
    } catch (const io::IoError&) {
        std::abort();  // our own PNG must always decode
    }
    return 0;
}
