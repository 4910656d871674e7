// The number of images (frames) a GIF holds, by walking its blocks without decoding any: stb reads
// only the first, and the user is told how many were left out; and whether the file ends inside
// the first, which stb would fill with zeros.
#pragma once
#include <cstdint>
#include <span>

namespace tconv::io {

/// Image descriptors in the GIF `bytes` up to its trailer or its end (a truncated file counts what
/// it holds); 0 when `bytes` is not a GIF.
int gif_frame_count(std::span<const std::uint8_t> bytes);

/// Whether `bytes` is a GIF that ends before the end of its first image's data (its last sub-block
/// and their terminator): a truncated file, whose missing pixels a decoder would make up.
bool gif_ends_inside_first_image(std::span<const std::uint8_t> bytes);

}  // namespace tconv::io
