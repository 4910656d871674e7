// .npy arrays as images, for tensors from a framework: shape (H, W) grey or (H, W, C) with C 1 to 4
// channels, any integer or float dtype, its values taken as samples 0..255.
#pragma once
#include <cstdint>
#include <vector>

#include "io/input/byte_source.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// Decodes the .npy read from `source`, whose first bytes `head` (holding the whole header) were
/// already read; the shape is checked against the caps before the array is read. Integer values must
/// lie in 0..255; float values in [0, 255] are rounded half away from zero; anything else (NaN, a
/// value out of range, a bool array, another shape, a short file or bytes after the array) is
/// refused with IoError naming the first offending value.
LoadedImage decode_npy(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits);

}  // namespace tconv::io
