// libFuzzer target: arbitrary bytes as an EXIF (TIFF-structured) block through
// io::exif_orientation, which must stay within the bytes and answer 1..8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "io/exif_orientation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int orientation = tconv::io::exif_orientation(std::span(data, size));
    if (orientation < 1 || orientation > 8) std::abort();
    return 0;
}
