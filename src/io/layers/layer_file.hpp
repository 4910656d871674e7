// Trained layers from files (`--layer`): a ConvTranspose2d's weight and bias from .npy, .safetensors or
// .onnx, a Keras Conv2DTranspose from .keras, .h5 or TensorFlow.js' model.json, the geometry the model
// gives (ONNX attributes, Keras config), and the .safetensors or .keras that `fit --layer` writes.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/layer/conv_layer.hpp"
#include "io/output/output_file.hpp"

namespace tconv::io {

/// A ConvTranspose node's attributes exactly as the model gives them (absent ones empty); the loader
/// has checked only their form: kernel_shape, strides, dilations, output_padding and output_shape
/// have 2 values, pads 4 (begin_h, begin_w, end_h, end_w, ONNX's order); strides, dilations and
/// group are >= 1, pads and output_padding >= 0; kernel_shape equals the weight's kH, kW.
struct OnnxGeometry {
    std::optional<std::vector<std::int64_t>> kernel_shape;
    std::optional<std::vector<std::int64_t>> strides;
    std::optional<std::vector<std::int64_t>> pads;
    std::optional<std::vector<std::int64_t>> dilations;
    std::optional<std::vector<std::int64_t>> output_padding;
    std::optional<std::int64_t> group;
    std::optional<std::string> auto_pad;  ///< "NOTSET", "SAME_UPPER", "SAME_LOWER" or "VALID"
    std::optional<std::vector<std::int64_t>> output_shape;
};

/// A Keras Conv2DTranspose's geometry as its config gives it, checked in form: strides and
/// dilation_rate 2 values >= 1, output_padding (absent: None) 2 values >= 0, padding "valid" or
/// "same", data_format "channels_last" or "channels_first".
struct KerasGeometry {
    std::vector<std::int64_t> strides{1, 1};
    std::vector<std::int64_t> dilation_rate{1, 1};
    std::optional<std::vector<std::int64_t>> output_padding;
    std::string padding = "valid";
    std::string data_format = "channels_last";
};

/// What load_layer_file read: the layer, the ONNX node's attributes (.onnx only), the Keras layer's
/// geometry (.keras, .h5, .json only; its activation is in the layer) and a one-line
/// description such as "decoder.up.0 in model.safetensors: 3 -> 3, 4x4, groups 1, bias".
struct LayerFile {
    core::ConvLayer layer;
    std::optional<OnnxGeometry> onnx;
    std::optional<KerasGeometry> keras;
    std::string description;
};

/// The most bytes a layer file (or --bias file) may have.
inline constexpr std::uint64_t max_layer_file_bytes = std::uint64_t{1} << 30;

/// Loads `spec`: PATH, or PATH:PREFIX (.safetensors: tensors PREFIX.weight, PREFIX.bias) or PATH:NODE
/// (.onnx: the ConvTranspose node of that name). When PATH itself holds ':', the longest prefix of
/// `spec` that names an existing file is the path. The format is PATH's extension (any case):
/// - .npy: the weight, shape (C_in, C_out/groups, kH, kW), float16/32/64; groups = `groups` (0: 1).
/// - .safetensors: tensors `weight` and optional `bias` (or PREFIX.*), F16/BF16/F32/F64; groups =
///   `groups`, else the file's __metadata__ "groups" (as save_layer_safetensors writes), else 1.
/// - .onnx: the weight and bias from initializers or Constant nodes (through Identity nodes);
///   groups = the node's `group` (the caller compares a given `groups` with onnx->group; `groups` is
///   not used here).
/// - .keras (Keras 3), .h5 / .hdf5 (tf.keras 2), .json (TensorFlow.js layers model, its shards beside
///   it): PATH:LAYER, the Conv2DTranspose of that name, or the only one; groups must be 0 or 1.
/// `bias_path` (a 1-D float .npy of C_out values, or empty) gives the bias of a file that has none.
/// Throws IoError(file, one-line reason) for a file that cannot be read, a malformed file, a missing
/// tensor or node, a shape that is no ConvTranspose2d weight, a bias of another length or two biases.
LayerFile load_layer_file(const std::string& spec, const std::string& bias_path, int groups);

/// A --layer argument taken apart: the file and what follows its ':' ("" for nothing).
struct LayerSpec {
    std::string path;
    std::string selector;
};

/// `spec` itself when that names an existing file or holds no ':'; else the longest prefix before a
/// ':' that names an existing file, the rest being the selector; else, when none exists, the longest
/// prefix before a ':' ending in a layer file extension (so that errors name that file).
LayerSpec split_layer_spec(const std::string& spec);

/// The layer file formats, by extension.
enum class LayerFormat { npy, safetensors, onnx, keras, keras_h5, tfjs };

/// The format of `path` by its extension (any case), or nullopt.
std::optional<LayerFormat> layer_format_of(const std::string& path);

/// load_layer_file's decoding half, over bytes in memory (for tests and fuzzing; an extension of the
/// interface above): `selector` is the PREFIX or NODE ("" for none), `bias` the --bias file's bytes
/// (nullopt for none). `name` and `bias_name` are the files named in errors and the description.
/// A TensorFlow.js model's shards are read from the files beside `name`.
LayerFile decode_layer_file(LayerFormat format, std::span<const std::uint8_t> bytes, const std::string& name,
                            const std::string& selector, std::optional<std::span<const std::uint8_t>> bias,
                            const std::string& bias_name, int groups);

/// Writes `layer` as .safetensors (F32 tensors `weight` and, when it has one, `bias`; groups in
/// __metadata__ when not 1, plus the string entries of `metadata`) through write_file_atomically, so
/// load_layer_file reads it back (to float32 precision). Throws IoError(path, reason).
void save_layer_safetensors(const std::string& path, const core::ConvLayer& layer, const WriteOptions& options = {},
                            const std::map<std::string, std::string>& metadata = {});

/// Writes `layer` (groups 1) as a Keras 3 archive: a Sequential of an InputLayer and one
/// Conv2DTranspose "conv2d_transpose" with `geometry` (padding "valid" or "same", channels_last) and
/// the layer's activation, its float32 kernel (kH, kW, C_out, C_in) and bias in model.weights.h5 as
/// Keras' saving code lays them out; through write_file_atomically. Throws IoError(path, reason).
void save_layer_keras(const std::string& path, const core::ConvLayer& layer, const KerasGeometry& geometry,
                      const WriteOptions& options = {});

}  // namespace tconv::io
