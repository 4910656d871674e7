// TensorFlow.js' layers format: model.json (the Keras config as modelTopology, and a manifest of
// the weights) and the binary weight shards it names.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "io/layers/layer_file.hpp"

namespace tconv::io {

/// Reads the shard at `path` (as model.json writes it, relative to the model's directory), at most
/// `limit` bytes; throws IoError naming the shard when it cannot.
using ShardReader = std::function<std::vector<std::uint8_t>(const std::string& path, std::uint64_t limit)>;

/// The Conv2DTranspose `layer` (or the only one, for "") of the model.json in `bytes`: its config as
/// find_keras_layer finds it, its weights "<layer>/kernel" and "<layer>/bias" from the manifest group
/// that lists them, at their offsets in that group's shards (float32, int32 and bool entries before
/// them; float32 values, or quantized as float16 or affine uint8/uint16). Throws IoError(name,
/// reason) for a graph model, no such weights, a shard path that is absolute or climbs out with
/// "..", shards shorter than the manifest says, or shapes that contradict the config.
LayerFile read_tfjs_model(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& layer,
                          const ShardReader& shards);

/// A ShardReader for the files beside `model_path`.
ShardReader shards_beside(const std::string& model_path);

}  // namespace tconv::io
