// save_layer_keras: a ConvLayer as the .keras archive Keras 3's saving code writes for a Sequential
// of one Conv2DTranspose (config.json, metadata.json, model.weights.h5 in a stored zip).
#include <nlohmann/json.hpp>

#include "io/io_error.hpp"
#include "io/layers/hdf5_file.hpp"
#include "io/layers/layer_file.hpp"
#include "io/layers/zip_archive.hpp"

namespace tconv::io {
namespace {

using nlohmann::json;

json dtype_policy() {
    return {{"module", "keras"}, {"class_name", "DTypePolicy"}, {"config", {{"name", "float32"}}}, {"registered_name", nullptr}};
}

json initializer(const char* name) {
    return {{"module", "keras.initializers"}, {"class_name", name}, {"config", json::object()}, {"registered_name", nullptr}};
}

std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

}  // namespace

void save_layer_keras(const std::string& path, const core::ConvLayer& layer, const KerasGeometry& geometry,
                      const WriteOptions& options) {
    if (layer.groups != 1)
        throw IoError(path, "a Keras Conv2DTranspose has no groups: the layer has " + std::to_string(layer.groups));
    const json batch_shape = {nullptr, nullptr, nullptr, layer.in_channels};
    const json conv = {{"module", "keras.layers"},
                       {"class_name", "Conv2DTranspose"},
                       {"registered_name", nullptr},
                       {"config",
                        {{"name", "conv2d_transpose"},
                         {"trainable", true},
                         {"dtype", dtype_policy()},
                         {"filters", layer.out_channels},
                         {"kernel_size", {layer.kernel.h, layer.kernel.w}},
                         {"strides", geometry.strides},
                         {"padding", geometry.padding},
                         {"data_format", "channels_last"},
                         {"dilation_rate", geometry.dilation_rate},
                         {"activation", core::activation_name(layer.activation)},
                         {"use_bias", !layer.bias.empty()},
                         {"kernel_initializer", initializer("GlorotUniform")},
                         {"bias_initializer", initializer("Zeros")},
                         {"kernel_regularizer", nullptr},
                         {"bias_regularizer", nullptr},
                         {"activity_regularizer", nullptr},
                         {"kernel_constraint", nullptr},
                         {"bias_constraint", nullptr},
                         {"output_padding", geometry.output_padding ? json(*geometry.output_padding) : json(nullptr)}}},
                       {"build_config", {{"input_shape", batch_shape}}}};
    const json input = {
        {"module", "keras.layers"},
        {"class_name", "InputLayer"},
        {"registered_name", nullptr},
        {"config", {{"batch_shape", batch_shape}, {"dtype", "float32"}, {"sparse", false}, {"name", "input_layer"}}}};
    const json config = {
        {"module", "keras"},
        {"class_name", "Sequential"},
        {"registered_name", nullptr},
        {"config", {{"name", "sequential"}, {"trainable", true}, {"dtype", dtype_policy()}, {"layers", {input, conv}}}},
        {"build_config", {{"input_shape", batch_shape}}},
        {"compile_config", nullptr}};
    // The kernel in Keras' layout (kH, kW, C_out, C_in).
    const core::ConvLayer& l = layer;
    std::vector<double> kernel(l.weight.size());
    for (std::int64_t a = 0; a < l.kernel.h; ++a)
        for (std::int64_t b = 0; b < l.kernel.w; ++b)
            for (int o = 0; o < l.out_channels; ++o)
                for (int i = 0; i < l.in_channels; ++i)
                    kernel[static_cast<std::size_t>(((a * l.kernel.w + b) * l.out_channels + o) * l.in_channels + i)] =
                        l.at(i, o, a, b);
    std::vector<std::uint8_t> weights;
    try {
        Hdf5Writer h5;
        h5.group("vars");
        h5.group("layers/conv2d_transpose/vars");
        const std::int64_t kernel_shape[] = {l.kernel.h, l.kernel.w, l.out_channels, l.in_channels};
        h5.float32("layers/conv2d_transpose/vars/0", kernel_shape, kernel);
        if (!l.bias.empty()) {
            const std::int64_t bias_shape[] = {l.out_channels};
            h5.float32("layers/conv2d_transpose/vars/1", bias_shape, l.bias);
        }
        weights = h5.bytes();
        const json metadata = {{"keras_version", "3.6.0"}, {"date_saved", "tconv fit"}};
        write_file_atomically(path,
                              write_zip({{"metadata.json", bytes_of(metadata.dump())},
                                         {"config.json", bytes_of(config.dump())},
                                         {"model.weights.h5", weights}}),
                              options);
    } catch (const IoError& e) {
        if (!e.file().empty()) throw;
        throw IoError(path, e.what());
    }
}

}  // namespace tconv::io
