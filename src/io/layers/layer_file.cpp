// --layer files: the spec taken apart, the file read with a size cap, and the weight and bias found
// in it by the format's rules, then checked into a ConvLayer by assemble_layer.
#include "io/layers/layer_file.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sys/stat.h>

#include "io/input/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/layers/keras_model.hpp"
#include "io/layers/layer_tensor.hpp"
#include "io/layers/onnx_layer.hpp"
#include "io/layers/safetensors_file.hpp"
#include "io/layers/tfjs_model.hpp"
#include "io/npy/npy_tensor.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

bool ends_with_nocase(const std::string& text, const std::string& suffix) {
    if (text.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char lower, char c) { return std::tolower(static_cast<unsigned char>(c)) == lower; });
}

/// The --bias tensor, when there is one.
std::optional<LayerTensor> bias_tensor(std::optional<std::span<const std::uint8_t>> bias, const std::string& bias_name) {
    if (!bias) return std::nullopt;
    return read_npy_tensor(*bias, bias_name);
}

/// The bias of a file that may hold its own: at most one of the two.
std::optional<LayerTensor> one_bias(std::optional<LayerTensor> own, std::optional<std::span<const std::uint8_t>> bias,
                                    const std::string& bias_name, const std::string& name) {
    if (own && bias) throw IoError(bias_name, "the layer file " + quoted_text(name) + " holds a bias already");
    return own ? std::move(own) : bias_tensor(bias, bias_name);
}

/// " with bias FILE" for a --bias file, else "": for descriptions.
std::string with_bias(std::optional<std::span<const std::uint8_t>> bias, const std::string& bias_name) {
    return bias ? " with bias " + quoted_text(bias_name) : "";
}

LayerFile npy_layer(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& selector,
                    std::optional<std::span<const std::uint8_t>> bias, const std::string& bias_name, int groups) {
    if (!selector.empty())
        throw IoError(name, "a .npy file holds one tensor; there is no " + quoted_name(selector) + " to select in it");
    const LayerTensor weight = read_npy_tensor(bytes, name);
    LayerFile file;
    file.layer = assemble_layer(weight, name, bias_tensor(bias, bias_name), bias_name, groups);
    file.description = quoted_text(name) + with_bias(bias, bias_name) + ": " + layer_summary(file.layer);
    return file;
}

/// The 4-D tensors named *.weight: what a prefix could select.
std::vector<std::string> weight_candidates(const SafetensorsFile& file) {
    std::vector<std::string> names;
    for (const auto& [tensor_name, tensor] : file.tensors)
        if (tensor_name.size() > 7 && tensor_name.ends_with(".weight") && tensor.shape.size() == 4) names.push_back(tensor_name);
    return names;
}

std::string quoted_list(const std::vector<std::string>& names) {
    constexpr std::size_t shown = 8;
    std::string text;
    for (std::size_t i = 0; i < std::min(names.size(), shown); ++i) text += (i > 0 ? ", " : "") + quoted_name(names[i]);
    if (names.size() > shown) text += " and " + std::to_string(names.size() - shown) + " more";
    return text;
}

/// The groups a safetensors file records in its metadata, or 0.
int metadata_groups(const SafetensorsFile& file, const std::string& name) {
    const auto it = file.metadata.find("groups");
    if (it == file.metadata.end()) return 0;
    int value = 0;
    const std::string& text = it->second;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1)
        throw IoError(name, "__metadata__ groups " + quoted_name(text) + " is not a whole number of at least 1");
    return value;
}

LayerFile safetensors_layer(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& selector,
                            std::optional<std::span<const std::uint8_t>> bias, const std::string& bias_name, int groups) {
    const SafetensorsFile file = parse_safetensors(bytes, name);
    const std::string weight_name = selector.empty() ? "weight" : selector + ".weight";
    const std::string own_bias_name = selector.empty() ? "bias" : selector + ".bias";
    const auto weight = file.tensors.find(weight_name);
    if (weight == file.tensors.end()) {
        const std::vector<std::string> candidates = weight_candidates(file);
        if (selector.empty() && candidates.size() == 1)
            throw IoError(name, "no tensor 'weight'; the one 4-D weight is " + quoted_name(candidates[0]) + ": select it as " +
                                    quoted_text(name + ":" + candidates[0].substr(0, candidates[0].size() - 7)));
        throw IoError(name, "no tensor " + quoted_name(weight_name) + " (" +
                                (candidates.empty() ? std::string("no 4-D tensor is named *.weight")
                                                    : "4-D weights: " + quoted_list(candidates)) +
                                ")");
    }
    std::optional<LayerTensor> own_bias;
    if (const auto it = file.tensors.find(own_bias_name); it != file.tensors.end())
        own_bias = safetensors_float_tensor(it->second, own_bias_name, name);
    const int recorded = metadata_groups(file, name);
    if (groups != 0 && recorded != 0 && groups != recorded)
        throw IoError(
            name, "groups " + std::to_string(groups) + " contradicts the file's __metadata__ groups " + std::to_string(recorded));
    const bool has_own_bias = own_bias.has_value();
    LayerFile out;
    out.layer = assemble_layer(safetensors_float_tensor(weight->second, weight_name, name), name,
                               one_bias(std::move(own_bias), bias, bias_name, name), has_own_bias ? name : bias_name,
                               groups != 0 ? groups : recorded);
    out.description = (selector.empty() ? "" : quoted_text(selector) + " in ") + quoted_text(name) + with_bias(bias, bias_name) +
                      ": " + layer_summary(out.layer);
    return out;
}

LayerFile onnx_layer(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& selector,
                     std::optional<std::span<const std::uint8_t>> bias, const std::string& bias_name) {
    OnnxLayer node = read_onnx_layer(bytes, name, selector);
    const bool has_own_bias = node.bias.has_value();
    LayerFile out;
    out.layer = assemble_layer(node.weight, name, one_bias(std::move(node.bias), bias, bias_name, name),
                               has_own_bias ? name : bias_name, static_cast<int>(node.geometry.group.value_or(1)));
    out.onnx = node.geometry;
    out.description = "node " + quoted_name(node.node) + " in " + quoted_text(name) + with_bias(bias, bias_name) + ": " +
                      layer_summary(out.layer);
    return out;
}

/// A Keras layer, with a --bias file's bias when it has none; Keras has no groups.
LayerFile keras_layer(LayerFormat format, std::span<const std::uint8_t> bytes, const std::string& name,
                      const std::string& selector, std::optional<std::span<const std::uint8_t>> bias,
                      const std::string& bias_name, int groups) {
    if (groups > 1)
        throw IoError(name, "a Keras Conv2DTranspose has no groups: --groups " + std::to_string(groups) + " cannot apply");
    LayerFile file = format == LayerFormat::keras      ? read_keras_archive(bytes, name, selector)
                     : format == LayerFormat::keras_h5 ? read_keras_h5(bytes, name, selector)
                                                       : read_tfjs_model(bytes, name, selector, shards_beside(name));
    if (bias) {
        if (!file.layer.bias.empty()) throw IoError(bias_name, "the layer file " + quoted_text(name) + " holds a bias already");
        const core::ConvLayer& l = file.layer;
        const LayerTensor weight{{l.in_channels, l.out_channels, l.kernel.h, l.kernel.w}, l.weight};
        const core::Activation activation = l.activation;
        file.layer = assemble_layer(weight, name, read_npy_tensor(*bias, bias_name), bias_name, 1);
        file.layer.activation = activation;
        file.description += with_bias(bias, bias_name);
    }
    return file;
}

}  // namespace

LayerSpec split_layer_spec(const std::string& spec) {
    if (exists(spec)) return {spec, ""};
    for (std::size_t colon = spec.rfind(':'); colon != std::string::npos && colon > 0; colon = spec.rfind(':', colon - 1))
        if (exists(spec.substr(0, colon))) return {spec.substr(0, colon), spec.substr(colon + 1)};
    for (std::size_t colon = spec.rfind(':'); colon != std::string::npos && colon > 0; colon = spec.rfind(':', colon - 1))
        if (layer_format_of(spec.substr(0, colon))) return {spec.substr(0, colon), spec.substr(colon + 1)};
    return {spec, ""};
}

std::optional<LayerFormat> layer_format_of(const std::string& path) {
    if (ends_with_nocase(path, ".npy")) return LayerFormat::npy;
    if (ends_with_nocase(path, ".safetensors")) return LayerFormat::safetensors;
    if (ends_with_nocase(path, ".onnx")) return LayerFormat::onnx;
    if (ends_with_nocase(path, ".keras")) return LayerFormat::keras;
    if (ends_with_nocase(path, ".h5") || ends_with_nocase(path, ".hdf5")) return LayerFormat::keras_h5;
    if (ends_with_nocase(path, ".json")) return LayerFormat::tfjs;
    return std::nullopt;
}

LayerFile decode_layer_file(LayerFormat format, std::span<const std::uint8_t> bytes, const std::string& name,
                            const std::string& selector, std::optional<std::span<const std::uint8_t>> bias,
                            const std::string& bias_name, int groups) {
    switch (format) {
        case LayerFormat::npy: return npy_layer(bytes, name, selector, bias, bias_name, groups);
        case LayerFormat::safetensors: return safetensors_layer(bytes, name, selector, bias, bias_name, groups);
        case LayerFormat::onnx: return onnx_layer(bytes, name, selector, bias, bias_name);
        case LayerFormat::keras:
        case LayerFormat::keras_h5:
        case LayerFormat::tfjs: return keras_layer(format, bytes, name, selector, bias, bias_name, groups);
    }
    throw IoError(name, "unknown layer format");
}

LayerFile load_layer_file(const std::string& spec, const std::string& bias_path, int groups) {
    const LayerSpec parts = split_layer_spec(spec);
    const auto format = layer_format_of(parts.path);
    if (!format)
        throw IoError(parts.path, "not a layer file (the name does not end in .npy, .safetensors, .onnx, .keras, .h5 or .json)");
    const std::vector<std::uint8_t> bytes = read_file_bytes(parts.path, max_layer_file_bytes);
    std::vector<std::uint8_t> bias_bytes;
    if (!bias_path.empty()) bias_bytes = read_file_bytes(bias_path, max_layer_file_bytes);
    return decode_layer_file(*format, bytes, parts.path, parts.selector,
                             bias_path.empty() ? std::nullopt : std::optional<std::span<const std::uint8_t>>(bias_bytes),
                             bias_path, groups);
}

}  // namespace tconv::io
