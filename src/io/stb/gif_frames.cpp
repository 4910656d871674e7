// GIF89a's layout: header (6), logical screen descriptor (7, the global colour table's size in its
// packed byte), then blocks: 0x21 extension (label, data sub-blocks), 0x2C image (9-byte descriptor,
// local colour table, LZW code size, data sub-blocks), 0x3B trailer. Sub-blocks are a size byte
// and that many bytes, ended by size 0.
#include "io/stb/gif_frames.hpp"

#include <algorithm>
#include <string_view>

namespace tconv::io {
namespace {

std::size_t colour_table_bytes(std::uint8_t packed) { return (packed & 0x80) != 0 ? 3u << ((packed & 7) + 1) : 0; }

/// The frames walked, and whether the bytes ended before the first image's data did.
struct GifWalk {
    int frames = 0;
    bool ends_inside_first = false;
};

GifWalk walk_gif(std::span<const std::uint8_t> b) {
    const auto is = [&](std::string_view magic) {
        return b.size() >= 6 && std::equal(magic.begin(), magic.end(), b.begin(),
                                           [](char m, std::uint8_t c) { return static_cast<std::uint8_t>(m) == c; });
    };
    if (!is("GIF87a") && !is("GIF89a")) return {};
    if (b.size() < 13) return {0, true};
    std::size_t at = 13 + colour_table_bytes(b[10]);
    const auto skip_sub_blocks = [&] {
        while (at < b.size() && b[at] != 0) at += 1 + std::size_t{b[at]};
        ++at;  // the terminator
    };
    GifWalk walk;
    while (at < b.size()) {
        const std::uint8_t kind = b[at++];
        if (kind == 0x21) {
            ++at;  // the label
            skip_sub_blocks();
        } else if (kind == 0x2C) {
            if (at + 9 > b.size()) break;
            ++walk.frames;
            at += 9 + colour_table_bytes(b[at + 8]) + 1;  // descriptor, local table, LZW code size
            skip_sub_blocks();
            if (walk.frames == 1 && at > b.size()) walk.ends_inside_first = true;
        } else {
            return walk;  // the trailer, or bytes no GIF holds
        }
    }
    if (walk.frames == 0) walk.ends_inside_first = true;  // the bytes ended before any image was whole
    return walk;
}

}  // namespace

int gif_frame_count(std::span<const std::uint8_t> b) { return walk_gif(b).frames; }

bool gif_ends_inside_first_image(std::span<const std::uint8_t> b) { return walk_gif(b).ends_inside_first; }

}  // namespace tconv::io
