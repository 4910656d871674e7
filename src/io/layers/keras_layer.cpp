// The config walk (Keras' own rules for the weights' paths: naming.to_snake_case and a counter per
// class within each container) and the kernel's transpose.
#include "io/layers/keras_layer.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "core/layer/layer_activation.hpp"
#include "io/io_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

using nlohmann::json;

/// Keras' naming.to_snake_case: "Conv2DTranspose" -> "conv2d_transpose".
std::string snake_case(const std::string& name) {
    std::string word;
    for (const char c : name)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') word += c;
    const auto upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
    const auto lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
    // (.)([A-Z][a-z]+) -> \1_\2
    std::string a;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (i > 0 && upper(word[i]) && i + 1 < word.size() && lower(word[i + 1])) a += '_';
        a += word[i];
    }
    // ([a-z])([A-Z]) -> \1_\2, then lower case.
    std::string b;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0 && lower(a[i - 1]) && upper(a[i])) b += '_';
        b += static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
    }
    return b;
}

struct Found {
    const json* layer;
    std::string outermost;
    std::string group;
};

const json* layers_of(const json& model) {
    if (!model.is_object()) return nullptr;
    const auto config = model.find("config");
    if (config == model.end() || !config->is_object()) return nullptr;
    const auto layers = config->find("layers");
    return layers != config->end() && layers->is_array() ? &*layers : nullptr;
}

std::string text_field(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string layer_name(const json& layer) {
    const auto config = layer.find("config");
    if (config != layer.end() && config->is_object()) {
        const std::string name = text_field(*config, "name");
        if (!name.empty()) return name;
    }
    return text_field(layer, "name");
}

/// Every layer, depth first, with its weights group as Keras 3's saving code names it.
void walk(const json& layers, const std::string& prefix, const std::string& outermost, std::vector<Found>& out, int depth) {
    std::map<std::string, int> used;
    for (const json& layer : layers) {
        if (!layer.is_object()) continue;
        const std::string cls = text_field(layer, "class_name");
        std::string snake = snake_case(cls);
        // Sequential.layers leaves out its InputLayer, which holds no weights and has its own counter.
        const auto [it, fresh] = used.try_emplace(snake, 0);
        if (!fresh) snake += "_" + std::to_string(++it->second);
        const std::string group = prefix + "layers/" + snake;
        const std::string top = outermost.empty() ? layer_name(layer) : outermost;
        out.push_back({&layer, top, group});
        if (const json* inner = layers_of(layer); inner != nullptr && depth < 16) walk(*inner, group + "/", top, out, depth + 1);
    }
}

std::int64_t whole(const json& v, const std::string& what, const std::string& file, std::int64_t lo, std::int64_t hi) {
    if (!v.is_number_integer()) throw IoError(file, "the layer's " + what + " is not a whole number");
    const auto n = v.get<std::int64_t>();
    if (n < lo || n > hi)
        throw IoError(file, "the layer's " + what + " " + std::to_string(n) + " is not in [" + std::to_string(lo) + ", " +
                                std::to_string(hi) + "]");
    return n;
}

/// An int or a list of two ints (Keras accepts either), each in [lo, hi].
std::vector<std::int64_t> two(const json& config, const char* key, std::int64_t fallback, const std::string& file,
                              std::int64_t lo, std::int64_t hi) {
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return {fallback, fallback};
    if (it->is_array()) {
        if (it->size() != 2) throw IoError(file, std::string("the layer's ") + key + " does not have 2 values");
        return {whole((*it)[0], key, file, lo, hi), whole((*it)[1], key, file, lo, hi)};
    }
    const std::int64_t n = whole(*it, key, file, lo, hi);
    return {n, n};
}

std::string names_text(const std::vector<std::string>& names) {
    constexpr std::size_t shown = 8;
    std::string text;
    for (std::size_t i = 0; i < std::min(names.size(), shown); ++i) text += (i > 0 ? ", " : "") + quoted_name(names[i]);
    if (names.size() > shown) text += " and " + std::to_string(names.size() - shown) + " more";
    return text;
}

KerasLayerConfig layer_config(const Found& f, const std::string& file) {
    const json& layer = *f.layer;
    const auto c = layer.find("config");
    if (c == layer.end() || !c->is_object())
        throw IoError(file, "the layer " + quoted_name(layer_name(layer)) + " has no config");
    KerasLayerConfig k;
    k.name = layer_name(layer);
    k.outermost = f.outermost;
    k.group = f.group;
    const auto filters = c->find("filters");
    if (filters == c->end()) throw IoError(file, "the layer " + quoted_name(k.name) + " has no filters");
    k.filters = whole(*filters, "filters", file, 1, max_layer_channels);
    const auto kernel = two(*c, "kernel_size", 0, file, 1, 65536);
    if (kernel[0] == 0) throw IoError(file, "the layer " + quoted_name(k.name) + " has no kernel_size");
    k.kernel_h = kernel[0];
    k.kernel_w = kernel[1];
    k.geometry.strides = two(*c, "strides", 1, file, 1, 65536);
    k.geometry.dilation_rate = two(*c, "dilation_rate", 1, file, 1, 65536);
    const auto op = c->find("output_padding");
    if (op != c->end() && !op->is_null()) k.geometry.output_padding = two(*c, "output_padding", 0, file, 0, 65536);
    k.geometry.padding = text_field(*c, "padding");
    for (char& ch : k.geometry.padding) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (k.geometry.padding != "valid" && k.geometry.padding != "same")
        throw IoError(file, "the layer's padding " + quoted_name(text_field(*c, "padding")) + " is not 'valid' or 'same'");
    k.geometry.data_format = text_field(*c, "data_format");
    if (k.geometry.data_format.empty()) k.geometry.data_format = "channels_last";
    if (k.geometry.data_format != "channels_last" && k.geometry.data_format != "channels_first")
        throw IoError(file, "the layer's data_format " + quoted_name(k.geometry.data_format) +
                                " is not 'channels_last' or 'channels_first'");
    if (const auto groups = c->find("groups"); groups != c->end() && !(groups->is_number_integer() && *groups == 1))
        throw IoError(file, "the layer has groups other than 1, which Keras' Conv2DTranspose does not have");
    if (const auto bias = c->find("use_bias"); bias != c->end()) {
        if (!bias->is_boolean()) throw IoError(file, "the layer's use_bias is not true or false");
        k.use_bias = bias->get<bool>();
    }
    const auto act = c->find("activation");
    if (act == c->end() || act->is_null()) {
        k.activation = "linear";
    } else if (act->is_string()) {
        k.activation = act->get<std::string>();
    } else if (act->is_object() && act->contains("config") && (*act)["config"].is_string()) {
        k.activation = (*act)["config"].get<std::string>();  // Keras 3's serialized built-in function
    } else {
        throw IoError(file, "the layer's activation is neither a name nor a serialized Keras function");
    }
    return k;
}

}  // namespace

nlohmann::json parse_keras_json(const std::string& text, const std::string& file, const std::string& what) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) throw IoError(file, what + " is not JSON");
    return j;
}

KerasLayerConfig find_keras_layer(const nlohmann::json& model, const std::string& selector, const std::string& file) {
    const json* layers = layers_of(model);
    if (layers == nullptr) throw IoError(file, "not a Keras model (its config lists no layers)");
    std::vector<Found> all;
    walk(*layers, "", "", all, 0);
    std::vector<std::string> transposed;
    for (const Found& f : all)
        if (text_field(*f.layer, "class_name") == "Conv2DTranspose") transposed.push_back(layer_name(*f.layer));
    if (selector.empty()) {
        if (transposed.empty()) throw IoError(file, "the model holds no Conv2DTranspose layer");
        if (transposed.size() > 1)
            throw IoError(file, "the model holds " + std::to_string(transposed.size()) + " Conv2DTranspose layers (" +
                                    names_text(transposed) + "): select one as " + quoted_text(file + ":" + transposed[0]));
    }
    const std::string wanted = selector.empty() ? transposed[0] : selector;
    for (const Found& f : all) {
        if (layer_name(*f.layer) != wanted) continue;
        const std::string cls = text_field(*f.layer, "class_name");
        if (cls != "Conv2DTranspose")
            throw IoError(file, "the layer " + quoted_name(wanted) + " is a " + (cls.empty() ? "layer of no class" : cls) +
                                    ", not a Conv2DTranspose");
        return layer_config(f, file);
    }
    throw IoError(file, "no layer named " + quoted_name(wanted) +
                            (transposed.empty() ? " (and no Conv2DTranspose layer)"
                                                : " (Conv2DTranspose layers: " + names_text(transposed) + ")"));
}

LayerFile keras_layer_file(const KerasLayerConfig& config, const LayerTensor& kernel, std::optional<LayerTensor> bias,
                           bool keras3, const std::string& file, const std::string& dtype) {
    const auto activation = core::activation_named(config.activation, keras3);
    if (!activation) throw IoError(file, "the layer's activation " + quoted_name(config.activation) + " is not one tconv knows");
    if (core::activation_spans_channels(*activation) && config.geometry.data_format == "channels_first")
        throw IoError(file, "the layer's " + config.activation +
                                " runs over the last axis, which channels_first data has as its columns: tconv applies it to "
                                "channels only");
    // (kH, kW, C_out, C_in) -> (C_in, C_out, kH, kW), no flip: TF's transposed convolution is the
    // adjoint of its cross-correlation, as PyTorch's is.
    const std::int64_t kh = kernel.shape[0], kw = kernel.shape[1], co = kernel.shape[2], ci = kernel.shape[3];
    LayerTensor weight{{ci, co, kh, kw}, std::vector<double>(kernel.values.size())};
    for (std::int64_t a = 0; a < kh; ++a)
        for (std::int64_t b = 0; b < kw; ++b)
            for (std::int64_t o = 0; o < co; ++o)
                for (std::int64_t i = 0; i < ci; ++i)
                    weight.values[static_cast<std::size_t>(((i * co + o) * kh + a) * kw + b)] =
                        kernel.values[static_cast<std::size_t>(((a * kw + b) * co + o) * ci + i)];
    LayerFile out;
    out.layer = assemble_layer(weight, file, bias, file, 1);
    out.layer.activation = *activation;
    out.keras = config.geometry;
    out.description = "layer " + quoted_name(config.name) + " in " + quoted_text(file) + ": " + layer_summary(out.layer) + ", " +
                      core::activation_name(*activation) + ", " + dtype;
    return out;
}

std::string keras_weight_name(const std::vector<std::string>& names, const std::string& layer, const std::string& weight) {
    for (const std::string& n : names) {
        std::string s = n.ends_with(":0") ? n.substr(0, n.size() - 2) : n;
        if (!s.ends_with("/" + weight)) continue;
        s.resize(s.size() - weight.size() - 1);
        const std::size_t slash = s.rfind('/');
        if ((slash == std::string::npos ? s : s.substr(slash + 1)) == layer) return n;
    }
    return "";
}

}  // namespace tconv::io
