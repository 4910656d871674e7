// TIFF layout: byte order (II little, MM big), 42, the offset of IFD0; an IFD is a 2-byte entry count
// then 12-byte entries (tag, type, count, value or offset). Orientation is a SHORT (type 3), count 1,
// its value in the entry's first two value bytes.
#include "io/exif_orientation.hpp"

namespace tconv::io {

int exif_orientation(std::span<const std::uint8_t> b) {
    if (b.size() < 8) return 1;
    const bool little = b[0] == 'I' && b[1] == 'I';
    if (!little && !(b[0] == 'M' && b[1] == 'M')) return 1;
    auto u16 = [&](std::size_t at) -> std::uint32_t { return little ? b[at] | b[at + 1] << 8 : b[at] << 8 | b[at + 1]; };
    auto u32 = [&](std::size_t at) -> std::uint32_t {
        return little ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2);
    };
    if (u16(2) != 42) return 1;
    const std::size_t ifd = u32(4);
    if (ifd > b.size() - 2) return 1;
    const std::size_t entries = u16(ifd);
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t at = ifd + 2 + 12 * i;
        if (at + 12 > b.size()) return 1;  // (not at > size - 12: a block under 12 bytes would wrap around)
        if (u16(at) != 0x0112) continue;
        if (u16(at + 2) != 3 || u32(at + 4) != 1) return 1;
        const std::uint32_t value = u16(at + 8);
        return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
    }
    return 1;
}

}  // namespace tconv::io
