// A Conv2DTranspose layer of a Keras model, whatever file holds it: found in the model's config (the
// JSON Keras 3, tf.keras 2 and TensorFlow.js all write), and its kernel and bias turned into a
// core::ConvLayer with the config's geometry and activation.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "io/layers/layer_file.hpp"
#include "io/layers/layer_tensor.hpp"

namespace tconv::io {

/// What the config says of the chosen layer.
struct KerasLayerConfig {
    std::string name;       ///< the layer's name
    std::string outermost;  ///< the name of the top-level layer that holds it (itself, unless nested)
    std::string group;      ///< Keras 3's weights group: "layers/conv2d_transpose_1", nested alike
    std::int64_t filters = 0;
    std::int64_t kernel_h = 0, kernel_w = 0;
    bool use_bias = true;
    std::string activation;
    KerasGeometry geometry;
};

/// Parses `text` as JSON; throws IoError(file, reason) for text that is not.
nlohmann::json parse_keras_json(const std::string& text, const std::string& file, const std::string& what);

/// The Conv2DTranspose layer named `selector` in `model` ({"class_name", "config": {"layers": ...}},
/// nested models searched too), or the only one when `selector` is empty. Throws IoError(file,
/// reason) for a config that is no model, no such layer, a layer of another class, several
/// Conv2DTranspose layers and no selector, or fields of the wrong type or range.
KerasLayerConfig find_keras_layer(const nlohmann::json& model, const std::string& selector, const std::string& file);

/// The layer of `kernel` (Keras' shape (kH, kW, C_out, C_in)) and `bias` under `config`, the kernel
/// transposed to PyTorch's (C_in, C_out, kH, kW); `keras3` picks Keras 3's hard_sigmoid. `dtype`
/// and `kind` ("Keras 3 archive", ...) go into the description. Throws IoError(file, reason) for an
/// activation tconv does not know, softmax over channels_first data, or the checks of assemble_layer.
LayerFile keras_layer_file(const KerasLayerConfig& config, const LayerTensor& kernel, std::optional<LayerTensor> bias,
                           bool keras3, const std::string& file, const std::string& dtype);

/// The weights of `layer` among `names` as tf.keras 2 and TensorFlow.js name them ("up/kernel:0",
/// "model/up/kernel"): the name whose last component is kernel (bias), with or without ":0", and the
/// one before it the layer's name. Empty when there is none.
std::string keras_weight_name(const std::vector<std::string>& names, const std::string& layer, const std::string& weight);

}  // namespace tconv::io
