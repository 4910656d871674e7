// Writing a NumPy .npy file (format 1.0) of little-endian float32: how tconv hands real-valued results
// (the unclamped sums, a layer's feature maps) to a framework without loss.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace tconv::io {

/// The .npy bytes of a C-order float32 ('<f4') array of `shape` (1 to 8 sides, each >= 0) holding
/// `values` (the product of the shape). Throws std::invalid_argument when the counts disagree.
std::vector<std::uint8_t> encode_npy_float32(std::span<const std::int64_t> shape, std::span<const float> values);

}  // namespace tconv::io
