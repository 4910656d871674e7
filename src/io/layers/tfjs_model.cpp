// The layers format as tf.io writes it: each manifest group's shards concatenated, its entries laid
// end to end in that order.
#include "io/layers/tfjs_model.hpp"

#include <nlohmann/json.hpp>

#include "io/input/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/layers/keras_layer.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

using nlohmann::json;

/// One manifest entry: where its bytes start in its group and how to read them.
struct Entry {
    std::string name;
    std::vector<std::int64_t> shape;
    std::uint64_t count = 0;
    std::string dtype;      ///< float32, int32, bool
    std::string quantized;  ///< "", float16, uint8, uint16
    double scale = 1, min = 0;
    std::uint64_t bytes = 0;
};

Entry entry_of(const json& w, const std::string& file) {
    if (!w.is_object() || !w.contains("name") || !w["name"].is_string() || !w.contains("shape") || !w["shape"].is_array())
        throw IoError(file, "a weightsManifest entry has no name or shape");
    Entry e;
    e.name = w["name"].get<std::string>();
    for (const json& d : w["shape"]) {
        if (!d.is_number_integer())
            throw IoError(file, "the weight " + quoted_name(e.name) + " has a shape of other than integers");
        e.shape.push_back(d.get<std::int64_t>());
    }
    const auto count = element_count(e.shape, max_layer_weights);
    if (!count) throw IoError(file, "the weight " + quoted_name(e.name) + " has shape " + shape_text(e.shape));
    e.count = *count;
    e.dtype = w.contains("dtype") && w["dtype"].is_string() ? w["dtype"].get<std::string>() : "float32";
    std::uint64_t size = e.dtype == "bool" ? 1 : 4;
    if (e.dtype != "float32" && e.dtype != "int32" && e.dtype != "bool")
        throw IoError(file, "the weight " + quoted_name(e.name) + " has dtype " + quoted_name(e.dtype) +
                                ", whose size tconv cannot count past");
    if (const auto q = w.find("quantization"); q != w.end() && !q->is_null()) {
        if (!q->is_object() || !q->contains("dtype") || !(*q)["dtype"].is_string())
            throw IoError(file, "the weight " + quoted_name(e.name) + " has a quantization without dtype");
        e.quantized = (*q)["dtype"].get<std::string>();
        if (e.quantized == "float16" || e.quantized == "uint16") {
            size = 2;
        } else if (e.quantized == "uint8") {
            size = 1;
        } else {
            throw IoError(file, "the weight " + quoted_name(e.name) + " is quantized as " + quoted_name(e.quantized) +
                                    ", not float16, uint8 or uint16");
        }
        if (e.quantized != "float16") {
            if (!q->contains("scale") || !(*q)["scale"].is_number() || !q->contains("min") || !(*q)["min"].is_number())
                throw IoError(file, "the weight " + quoted_name(e.name) + " is quantized without scale and min");
            e.scale = (*q)["scale"].get<double>();
            e.min = (*q)["min"].get<double>();
        }
    }
    e.bytes = e.count * size;
    return e;
}

double little_u16(const std::uint8_t* p) { return static_cast<double>(p[0] | (p[1] << 8)); }

LayerTensor values_of(const Entry& e, const std::uint8_t* p) {
    if (e.quantized.empty() || e.quantized == "float16")
        return {e.shape,
                decode_floats({p, e.bytes}, e.quantized.empty() ? FloatEncoding::binary32 : FloatEncoding::binary16, false)};
    LayerTensor t{e.shape, std::vector<double>(e.count)};
    for (std::uint64_t i = 0; i < e.count; ++i)
        t.values[i] = (e.quantized == "uint16" ? little_u16(p + 2 * i) : p[i]) * e.scale + e.min;
    return t;
}

bool safe_relative(const std::string& path) {
    if (path.empty() || path[0] == '/' || path.find('\\') != std::string::npos || path.find("://") != std::string::npos)
        return false;
    std::size_t at = 0;
    for (;;) {
        const std::size_t slash = path.find('/', at);
        if (path.substr(at, slash - at) == "..") return false;
        if (slash == std::string::npos) return true;
        at = slash + 1;
    }
}

}  // namespace

LayerFile read_tfjs_model(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& layer,
                          const ShardReader& shards) {
    const json model = parse_keras_json(std::string(bytes.begin(), bytes.end()), name, "the file");
    if (!model.is_object() || !model.contains("modelTopology"))
        throw IoError(name, "not a TensorFlow.js model (no modelTopology)");
    if (model.contains("format") && model["format"] == "graph-model")
        throw IoError(name, "a TensorFlow.js graph model, which holds no Keras layers: give a layers model");
    const json& topology = model["modelTopology"];
    const json& config = topology.is_object() && topology.contains("model_config") ? topology["model_config"] : topology;
    const KerasLayerConfig c = find_keras_layer(config, layer, name);
    const auto manifest = model.find("weightsManifest");
    if (manifest == model.end() || !manifest->is_array()) throw IoError(name, "no weightsManifest");
    for (const json& group : *manifest) {
        if (!group.is_object() || !group.contains("weights") || !group["weights"].is_array()) continue;
        std::vector<Entry> entries;
        for (const json& w : group["weights"]) entries.push_back(entry_of(w, name));
        std::vector<std::string> names;
        for (const Entry& e : entries) names.push_back(e.name);
        const std::string kernel_name = keras_weight_name(names, c.name, "kernel");
        if (kernel_name.empty()) continue;
        const std::string bias_name = c.use_bias ? keras_weight_name(names, c.name, "bias") : "";
        if (c.use_bias && bias_name.empty())
            throw IoError(name, "the layer " + quoted_name(c.name) + " has no bias in the weightsManifest");
        // The group's shards, concatenated, up to the end of the last entry needed.
        std::uint64_t end = 0, need = 0;
        for (const Entry& e : entries) {
            end += e.bytes;
            if (end > max_layer_file_bytes)
                throw IoError(name, "the weights would be more than " + std::to_string(max_layer_file_bytes) + " bytes");
            if (e.name == kernel_name || e.name == bias_name) need = end;
        }
        std::vector<std::uint8_t> data;
        if (!group.contains("paths") || !group["paths"].is_array()) throw IoError(name, "a weightsManifest group has no paths");
        for (const json& p : group["paths"]) {
            if (data.size() >= need) break;
            if (!p.is_string()) throw IoError(name, "a weightsManifest path is not text");
            std::string path = p.get<std::string>();
            if (path.starts_with("./")) path = path.substr(2);
            if (!safe_relative(path))
                throw IoError(name, "the weight shard " + quoted_name(path) + " is not a path inside the model's directory");
            const std::vector<std::uint8_t> shard = shards(path, max_layer_file_bytes - data.size());
            data.insert(data.end(), shard.begin(), shard.end());
        }
        if (data.size() < need)
            throw IoError(name, "the weight shards hold " + std::to_string(data.size()) + " bytes, the manifest needs " +
                                    std::to_string(need));
        std::optional<LayerTensor> kernel, bias;
        std::string dtype;
        std::uint64_t at = 0;
        for (const Entry& e : entries) {
            if (e.name == kernel_name || e.name == bias_name) {
                if (e.dtype != "float32")
                    throw IoError(name, "the weight " + quoted_name(e.name) + " has dtype " + e.dtype + ", not float32");
                (e.name == kernel_name ? kernel : bias) = values_of(e, data.data() + at);
                if (e.name == kernel_name) dtype = e.quantized.empty() ? "float32" : "float32 quantized as " + e.quantized;
            }
            at += e.bytes;
        }
        const std::vector<std::int64_t> expected{c.kernel_h, c.kernel_w, c.filters};
        if (kernel->shape.size() != 4 || !std::equal(expected.begin(), expected.end(), kernel->shape.begin()))
            throw IoError(name, "the kernel " + quoted_name(kernel_name) + " has shape " + shape_text(kernel->shape) +
                                    " but the config says (" + std::to_string(c.kernel_h) + ", " + std::to_string(c.kernel_w) +
                                    ", " + std::to_string(c.filters) + ", C_in)");
        if (bias && (bias->shape.size() != 1 || bias->shape[0] != c.filters))
            throw IoError(name, "the bias " + quoted_name(bias_name) + " has shape " + shape_text(bias->shape) +
                                    " but the config says (" + std::to_string(c.filters) + ",)");
        return keras_layer_file(c, *kernel, std::move(bias), false, name, dtype);
    }
    throw IoError(name, "the weightsManifest lists no kernel for the layer " + quoted_name(c.name));
}

ShardReader shards_beside(const std::string& model_path) {
    const std::size_t slash = model_path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : model_path.substr(0, slash + 1);
    return [dir](const std::string& path, std::uint64_t limit) { return read_file_bytes(dir + path, limit); };
}

}  // namespace tconv::io
