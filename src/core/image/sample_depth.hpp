// Changing the depth of samples, 8 <-> 16 bits: what --depth asks for, and what a format or a
// subcommand that holds 8 bits at most needs from a 16-bit result.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/image/image.hpp"
#include "core/image/row_stream.hpp"

namespace tconv::core {

/// An 8-bit sample for a 16-bit one: round_half_away(v * 255 / 65535). Exact in integers: v * 255 /
/// 65535 is never a half (2v would have to be an odd multiple of 257), so floor(x + 1/2) is the rounding.
inline std::uint8_t reduce_to_8_bit(std::uint16_t v) {
    return static_cast<std::uint8_t>((std::uint32_t{v} * 510 + 65535) / 131070);
}

/// A 16-bit sample for an 8-bit one: v * 257 (0 -> 0, 255 -> 65535, the inverse of reduce_to_8_bit).
inline std::uint16_t widen_to_16_bit(std::uint8_t v) { return static_cast<std::uint16_t>(v * 257); }

/// Converts a row of `samples` samples at depth `from` (its bytes at `src`) to depth `to` (8 or 16)
/// at `dst`, which must hold samples * (to / 8) bytes and not overlap src. Equal depths copy.
void convert_row_depth(const std::uint8_t* src, int from, std::uint8_t* dst, int to, std::size_t samples);

/// The rows of `rows` (`samples` samples each at depth `from`) at depth `to`, converted as they pass
/// (convert_row_depth); `rows` itself when the depths are equal.
RowProducer rows_at_depth(RowProducer rows, int from, int to, std::size_t samples);

/// `image` at `depth` (8 or 16): samples reduced by reduce_to_8_bit or widened by widen_to_16_bit;
/// the image itself when it already has that depth.
Image with_depth(const Image& image, int depth);
/// The same, moving `image` when it already has that depth rather than copying it.
Image with_depth(Image&& image, int depth);

}  // namespace tconv::core
