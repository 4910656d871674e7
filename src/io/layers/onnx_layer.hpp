// A ConvTranspose node of an ONNX model (protobuf, parsed with the definitions libonnx-dev ships):
// its weight and bias from initializers or Constant nodes, and its attributes as the model gives them.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "io/layers/layer_file.hpp"
#include "io/layers/layer_tensor.hpp"

namespace tconv::io {

/// What one ConvTranspose node holds.
struct OnnxLayer {
    std::string node;  ///< its name (or its first output's, for an unnamed node)
    LayerTensor weight;
    std::optional<LayerTensor> bias;
    OnnxGeometry geometry;
};

/// The ConvTranspose node of the model in `bytes` named `node` (or whose first output is `node`), or
/// the only one when `node` is empty. Throws IoError(name, reason) for bytes that are no ONNX model,
/// no such node, several without `node`, weights that are neither initializers nor Constant outputs,
/// stored outside the file, of a dtype other than float16, bfloat16, float32 or float64, or whose
/// dims disagree with their data, and attributes of the wrong type, length or range.
OnnxLayer read_onnx_layer(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& node);

}  // namespace tconv::io
