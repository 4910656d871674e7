// libFuzzer target: arbitrary bytes through io::decode_image (every format stb reads); a small
// decoded image then goes through one transposed convolution, so a broken Image invariant shows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/conv/transposed_conv.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"

namespace {

std::size_t byte_count(const tconv::core::Image& image) {
    return static_cast<std::size_t>(image.height * image.width * image.channels) * image.sample_bytes();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tconv;
    // Far below libFuzzer's 2 GB RSS limit: a hostile header must be refused, never allocated. Small
    // enough that garbage decoded up to the cap (0.25 s for 4M pixels under ASan) keeps runs fast.
    const io::LoadLimits limits{std::int64_t{1} << 18, std::uint64_t{1} << 24};
    try {
        const io::LoadedImage loaded = io::decode_image(std::span(data, size), "fuzz", limits);
        const core::Image& image = loaded.image;
        if (image.height < 1 || image.width < 1 || image.channels < 1 || image.channels > 4 ||
            image.height * image.width > limits.max_pixels || (image.depth != 8 && image.depth != 16) ||
            image.pixels.size() != byte_count(image))
            std::abort();
        if (image.height * image.width <= 4096) {
            core::Geometry g;  // asymmetric, so swapped axes would read out of bounds
            g.kernel = {3, 2};
            g.stride = {2, 3};
            const core::OutputShape shape = core::plan_output_shape(image.size(), g);
            const core::Image out = core::transposed_conv(image, core::ones_kernel(g.kernel), shape, 2);
            if (out.channels != image.channels || out.depth != image.depth || out.pixels.size() != byte_count(out)) std::abort();
        }
    } catch (const io::IoError&) {
        // The expected outcome for almost every input: a clean, printable refusal.
    }
    return 0;
}
