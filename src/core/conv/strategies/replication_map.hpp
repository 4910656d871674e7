// The all-ones kernel no larger than its stride (the article's "transparent" filter: k <= s) makes
// every output row a rearranged copy of one input row, with zeros where no tap lands. Such a row is
// built from the 8-bit input by byte shuffles, with no float arithmetic at all: the sum is one pixel
// times 1 times 1, which quantises back to that pixel.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tconv::core {

class ReplicationMap {
public:
    /// `source[j]` is the input-row byte that output-row byte j copies, or -1 for a zero; every
    /// source is below `input_bytes`, the length of an input row.
    ReplicationMap(std::vector<std::int32_t> source, std::size_t input_bytes);

    /// Writes the output row for `input_row` (input_bytes long) to `out` (source.size() long).
    void apply(const std::uint8_t* input_row, std::uint8_t* out) const;

private:
    std::vector<std::int32_t> source_;  ///< all of the map, or with shuffles_ only the bytes after the last block
    std::size_t input_bytes_ = 0;
    /// SIMD form, when each 16 output bytes copy from a 16-byte window of the input: the window's
    /// start per block, and the shuffle picking each byte (0x80: zero).
    bool shuffles_ = false;
    std::vector<std::int32_t> block_start_;
    std::vector<std::uint8_t> block_shuffle_;
};

}  // namespace tconv::core
