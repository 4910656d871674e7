// A float .npy array (a layer's weight or bias) as a LayerTensor: the header through io's .npy header
// parser, the data checked against the file's length before anything is allocated.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "io/layers/layer_tensor.hpp"

namespace tconv::io {

/// The array in `bytes` (a whole .npy file) with its values in C order. Throws IoError(name, reason)
/// for a header that does not parse, a dtype other than float16, float32 or float64, more than
/// max_layer_weights elements, or data shorter or longer than the shape says.
LayerTensor read_npy_tensor(std::span<const std::uint8_t> bytes, const std::string& name);

}  // namespace tconv::io
