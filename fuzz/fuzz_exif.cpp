// libFuzzer target: arbitrary bytes as an EXIF (TIFF-structured) block through io/exif_entries:
// exif_orientation must stay within the bytes and answer 1..8; the in-place patches must stay within
// them too, leave the block's size alone, and a patched orientation must read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "io/metadata/exif_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int orientation = tconv::io::exif_orientation(std::span(data, size));
    if (orientation < 1 || orientation > 8) std::abort();
    std::vector<std::uint8_t> block(data, data + size);
    if (tconv::io::set_exif_orientation(block, 1) && tconv::io::exif_orientation(block) != 1) std::abort();
    const auto side = static_cast<std::int64_t>(size);  // widths past 65535 too, which a SHORT cannot take
    tconv::io::set_exif_pixel_size(block, {side, side * 1000});
    if (block.size() != size) std::abort();
    return 0;
}
