// TIFF layout: byte order (II little, MM big), 42, the offset of IFD0; an IFD is a 2-byte entry count
// then 12-byte entries (tag, type, count, value or offset). A SHORT (type 3) or LONG (type 4) of
// count 1 has its value in the entry's first value bytes; the Exif IFD's offset is IFD0's tag 0x8769.
#include "io/metadata/exif_entries.hpp"

#include <initializer_list>
#include <optional>
#include <utility>

namespace tconv::io {
namespace {

constexpr std::uint16_t orientation_tag = 0x0112;
constexpr std::uint16_t exif_ifd_tag = 0x8769;
constexpr std::uint16_t pixel_x_tag = 0xA002;
constexpr std::uint16_t pixel_y_tag = 0xA003;
constexpr std::uint32_t short_type = 3;
constexpr std::uint32_t long_type = 4;

/// An EXIF block's byte order and IFD entries, every read bounded by the block.
class IfdReader {
public:
    explicit IfdReader(std::span<const std::uint8_t> b) : b_(b) {
        if (b.size() < 8) return;
        little_ = b[0] == 'I' && b[1] == 'I';
        valid_ = (little_ || (b[0] == 'M' && b[1] == 'M')) && u16(2) == 42;
    }

    std::uint32_t u16(std::size_t at) const { return little_ ? b_[at] | b_[at + 1] << 8 : b_[at] << 8 | b_[at + 1]; }
    std::uint32_t u32(std::size_t at) const { return little_ ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2); }
    bool little() const { return little_; }

    /// The offset of IFD0, when the header is valid.
    std::optional<std::size_t> ifd0() const {
        if (!valid_) return std::nullopt;
        return u32(4);
    }

    /// The offset of the 12-byte entry with `tag` in the IFD at `ifd`, when it lies within the block.
    std::optional<std::size_t> entry(std::size_t ifd, std::uint16_t tag) const {
        if (!valid_ || b_.size() < 2 || ifd > b_.size() - 2) return std::nullopt;
        const std::size_t entries = u16(ifd);
        for (std::size_t i = 0; i < entries; ++i) {
            const std::size_t at = ifd + 2 + 12 * i;
            if (at + 12 > b_.size()) return std::nullopt;  // (not at > size - 12: a block under 12 bytes would wrap around)
            if (u16(at) == tag) return at;
        }
        return std::nullopt;
    }

    /// The entry's type when its count is 1 (its value then in the entry itself), else 0.
    std::uint32_t single_type(std::size_t entry) const { return u32(entry + 4) == 1 ? u16(entry + 2) : 0; }

private:
    std::span<const std::uint8_t> b_;
    bool little_ = false;
    bool valid_ = false;
};

/// IFD0's Orientation entry, when it is a SHORT of count 1.
std::optional<std::size_t> orientation_entry(const IfdReader& r) {
    const auto ifd = r.ifd0();
    const auto at = ifd ? r.entry(*ifd, orientation_tag) : std::nullopt;
    if (!at || r.single_type(*at) != short_type) return std::nullopt;
    return at;
}

void put(std::span<std::uint8_t> b, std::size_t at, std::uint32_t value, int bytes, bool little) {
    for (int i = 0; i < bytes; ++i) {
        const int shift = 8 * (little ? i : bytes - 1 - i);
        b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value >> shift);
    }
}

}  // namespace

int exif_orientation(std::span<const std::uint8_t> b) {
    const IfdReader r(b);
    const auto at = orientation_entry(r);
    if (!at) return 1;
    const std::uint32_t value = r.u16(*at + 8);
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
}

bool set_exif_orientation(std::span<std::uint8_t> b, int orientation) {
    const IfdReader r(b);
    const auto at = orientation_entry(r);
    if (!at) return false;
    put(b, *at + 8, static_cast<std::uint32_t>(orientation), 2, r.little());
    return true;
}

std::vector<std::uint8_t> exif_of_orientation(int orientation) {
    const auto value = static_cast<std::uint8_t>(orientation);
    return {'I',  'I',  42, 0, 8, 0, 0, 0,                  // header, IFD0 at 8
            1,    0,                                        // one entry
            0x12, 0x01, 3,  0, 1, 0, 0, 0, value, 0, 0, 0,  // Orientation, SHORT, count 1
            0,    0,    0,  0};                             // no next IFD
}

void set_exif_pixel_size(std::span<std::uint8_t> b, core::Extent2 size) {
    const IfdReader r(b);
    const auto ifd0 = r.ifd0();
    const auto pointer = ifd0 ? r.entry(*ifd0, exif_ifd_tag) : std::nullopt;
    if (!pointer || r.single_type(*pointer) != long_type) return;
    const std::size_t exif_ifd = r.u32(*pointer + 8);
    for (const auto& [tag, value] : {std::pair{pixel_x_tag, size.w}, std::pair{pixel_y_tag, size.h}}) {
        const auto at = r.entry(exif_ifd, tag);
        if (!at || value < 0) continue;
        const std::uint32_t type = r.single_type(*at);
        if (type == short_type && value <= 0xFFFF) put(b, *at + 8, static_cast<std::uint32_t>(value), 2, r.little());
        if (type == long_type && value <= 0xFFFFFFFF) put(b, *at + 8, static_cast<std::uint32_t>(value), 4, r.little());
    }
}

}  // namespace tconv::io
