// libFuzzer target: HDR run-length scanlines through io::decode_image, behind a valid header whose
// size the first two bytes choose (8..71 wide, 1..8 high), so that every run reaches the scanline
// walk of io/hdr_rle_check and then stb. A stream that check lets through on which stb never
// finishes shows as a timeout; the check must also never read past the bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/stb/hdr_rle_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tconv;
    if (size < 2) return 0;
    const int width = 8 + data[0] % 64, height = 1 + data[1] % 8;
    const std::string header =
        "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y " + std::to_string(height) + " +X " + std::to_string(width) + "\n";
    std::vector<std::uint8_t> file(header.begin(), header.end());
    file.insert(file.end(), data + 2, data + size);
    // The check alone, on the raw bytes too (any header at all).
    (void)io::hdr_rle_problem(std::span(data, size));
    try {
        const io::LoadedImage loaded = io::decode_image(file, "fuzz.hdr", io::LoadLimits{1 << 12, 1 << 20});
        if (loaded.image.height != height || loaded.image.width != width || loaded.image.channels != 3) std::abort();
    } catch (const io::IoError&) {}
    return 0;
}
