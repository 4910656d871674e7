// The .keras archive and the .h5 model: where each keeps the config and the weights.
#include "io/layers/keras_model.hpp"

#include <nlohmann/json.hpp>

#include "io/io_error.hpp"
#include "io/layers/hdf5_file.hpp"
#include "io/layers/keras_layer.hpp"
#include "io/layers/zip_archive.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

std::string text_of(const std::vector<std::uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

/// Whether the Keras that wrote the file is Keras 3 or later (its hard_sigmoid differs).
bool is_keras3(const std::string& version) { return !version.empty() && version[0] >= '3' && version[0] <= '9'; }

std::optional<LayerTensor> bias_of(const Hdf5File& h5, const KerasLayerConfig& c, const std::string& path) {
    if (!c.use_bias) return std::nullopt;
    const std::int64_t shape[] = {c.filters};
    std::string bias_dtype;
    return h5.floats(path, shape, "the bias", bias_dtype);
}

}  // namespace

LayerFile read_keras_archive(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& layer) {
    const ZipArchive zip(bytes, name);
    if (!zip.has("config.json")) throw IoError(name, "not a Keras archive (no config.json in the zip)");
    const nlohmann::json config = parse_keras_json(text_of(zip.read("config.json", max_keras_config_bytes)), name, "config.json");
    std::string version;
    if (zip.has("metadata.json")) {
        const nlohmann::json meta =
            parse_keras_json(text_of(zip.read("metadata.json", max_keras_config_bytes)), name, "metadata.json");
        if (meta.is_object() && meta.contains("keras_version") && meta["keras_version"].is_string())
            version = meta["keras_version"].get<std::string>();
    }
    const KerasLayerConfig c = find_keras_layer(config, layer, name);
    if (!zip.has("model.weights.h5"))
        throw IoError(name, zip.has("model.weights.npz") ? "the weights are in model.weights.npz, which tconv does not read"
                                                         : "the archive holds no model.weights.h5");
    const std::vector<std::uint8_t> weights = zip.read("model.weights.h5", max_layer_file_bytes);
    const Hdf5File h5(weights, name);
    const std::int64_t kernel_shape[] = {c.kernel_h, c.kernel_w, c.filters, -1};
    std::string dtype;
    const LayerTensor kernel = h5.floats(c.group + "/vars/0", kernel_shape, "the kernel", dtype);
    std::optional<LayerTensor> bias = bias_of(h5, c, c.group + "/vars/1");
    return keras_layer_file(c, kernel, std::move(bias), version.empty() || is_keras3(version), name, dtype);
}

LayerFile read_keras_h5(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& layer) {
    const Hdf5File h5(bytes, name);
    const auto model_config = h5.strings(".", "model_config");
    if (!model_config || model_config->size() != 1)
        throw IoError(name, "not a Keras model (no model_config attribute: a weights-only file?)");
    const nlohmann::json config = parse_keras_json(model_config->front(), name, "its model_config");
    const auto version = h5.strings(".", "keras_version");
    const KerasLayerConfig c = find_keras_layer(config, layer, name);
    const std::string group = "model_weights/" + c.outermost;
    const auto names = h5.strings(group, "weight_names");
    if (!names) throw IoError(name, "no weights for the layer " + quoted_name(c.name) + " (no " + quoted_name(group) + ")");
    auto find = [&](const std::string& weight) {
        std::string found = keras_weight_name(*names, c.name, weight);
        // Keras 3's legacy writer names a top-level layer's weights by their own short names.
        if (found.empty() && c.outermost == c.name)
            for (const std::string& n : *names)
                if (n == weight || n == weight + ":0") found = n;
        return found;
    };
    const std::string kernel_name = find("kernel");
    if (kernel_name.empty()) throw IoError(name, "the layer " + quoted_name(c.name) + " has no kernel in " + quoted_name(group));
    const std::int64_t kernel_shape[] = {c.kernel_h, c.kernel_w, c.filters, -1};
    std::string dtype;
    const LayerTensor kernel = h5.floats(group + "/" + kernel_name, kernel_shape, "the kernel", dtype);
    std::optional<LayerTensor> bias;
    if (c.use_bias) {
        const std::string bias_name = find("bias");
        if (bias_name.empty()) throw IoError(name, "the layer " + quoted_name(c.name) + " has no bias in " + quoted_name(group));
        bias = bias_of(h5, c, group + "/" + bias_name);
    }
    const bool keras3 = version && version->size() == 1 && is_keras3(version->front());
    return keras_layer_file(c, kernel, std::move(bias), keras3, name, dtype);
}

}  // namespace tconv::io
