// Checks on the headers of the formats stb_image decodes, for what stb 2.27 gets wrong: numbers
// that overflow its parser, and files shorter than their header says, whose missing pixels stb
// would hand back as zeros (a black area accepted as image), as the other decoders here refuse them.
#pragma once
#include <cstdint>
#include <optional>
#include <span>

namespace tconv::io {

/// A binary PNM (P5/P6) header as stb reads it.
struct PnmHeader {
    std::int64_t width = 0;
    std::int64_t height = 0;
    std::int64_t max_value = 0;
    int channels = 0;             ///< 1 (P5) or 3 (P6)
    std::size_t data_offset = 0;  ///< where the samples start
};

/// The header of a binary PNM (P5/P6) as stb reads it, or nullopt for any other file; max_value is -1
/// when a number overflows stb's int.
std::optional<PnmHeader> binary_pnm_header(std::span<const std::uint8_t> bytes);

/// Why stb must not decode `bytes` (the start of a file, or all of it when `whole` is set), or
/// nullptr. Refuses a PNM header number over 2^24 or a max value of 0, and, when `whole`, a file
/// shorter than its header says: a binary PNM, a TGA (uncompressed or run-length), a BMP, a PSD
/// (raw or run-length), a GIF that ends inside its first image.
const char* stb_header_problem(std::span<const std::uint8_t> bytes, bool whole);

}  // namespace tconv::io
