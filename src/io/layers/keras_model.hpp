// Keras' own model files: Keras 3's .keras archive (a zip of config.json, metadata.json and
// model.weights.h5) and tf.keras 2's HDF5 model (.h5: model_config and model_weights).
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "io/layers/layer_file.hpp"

namespace tconv::io {

/// The most bytes the JSON entries of a .keras archive may have.
inline constexpr std::uint64_t max_keras_config_bytes = std::uint64_t{1} << 24;

/// The Conv2DTranspose `layer` (or the only one, for "") of the .keras archive in `bytes`: the
/// config found as find_keras_layer does, the kernel and bias from model.weights.h5 at
/// layers/<snake_case class>[_n]/vars/0 and 1. Throws IoError(name, reason).
LayerFile read_keras_archive(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& layer);

/// The same from a tf.keras 2 HDF5 model: the root attribute model_config, the weights under
/// model_weights/<layer>/ as its attribute weight_names lists them. Throws IoError(name, reason).
LayerFile read_keras_h5(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& layer);

}  // namespace tconv::io
