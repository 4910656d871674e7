// save_layer_safetensors: a ConvLayer as the .safetensors PyTorch's state_dict would give (F32
// `weight`, `bias`), the header padded with spaces to 8 bytes as the reference writer pads it.
#include <bit>
#include <nlohmann/json.hpp>

#include "io/layers/layer_file.hpp"
#include "io/output/output_file.hpp"

namespace tconv::io {
namespace {

void append_f32(std::vector<std::uint8_t>& out, const std::vector<double>& values) {
    for (const double v : values) {
        const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(v));
        for (int b = 0; b < 4; ++b) out.push_back(static_cast<std::uint8_t>(bits >> (8 * b)));
    }
}

}  // namespace

void save_layer_safetensors(const std::string& path, const core::ConvLayer& layer, const WriteOptions& options,
                            const std::map<std::string, std::string>& metadata) {
    const std::uint64_t weight_bytes = 4 * layer.weight.size(), bias_bytes = 4 * layer.bias.size();
    nlohmann::json header;
    header["__metadata__"] = {{"format", "pt"}};
    for (const auto& [key, value] : metadata) header["__metadata__"][key] = value;
    if (layer.groups != 1) header["__metadata__"]["groups"] = std::to_string(layer.groups);
    header["weight"] = {{"dtype", "F32"},
                        {"shape", {layer.in_channels, layer.out_channels / layer.groups, layer.kernel.h, layer.kernel.w}},
                        {"data_offsets", {0, weight_bytes}}};
    if (!layer.bias.empty())
        header["bias"] = {
            {"dtype", "F32"}, {"shape", {layer.out_channels}}, {"data_offsets", {weight_bytes, weight_bytes + bias_bytes}}};
    std::string text = header.dump();
    while (text.size() % 8 != 0) text += ' ';
    std::vector<std::uint8_t> bytes;
    bytes.reserve(8 + text.size() + weight_bytes + bias_bytes);
    for (int b = 0; b < 8; ++b) bytes.push_back(static_cast<std::uint8_t>(std::uint64_t{text.size()} >> (8 * b)));
    bytes.insert(bytes.end(), text.begin(), text.end());
    append_f32(bytes, layer.weight);
    append_f32(bytes, layer.bias);
    write_file_atomically(path, bytes, options);
}

}  // namespace tconv::io
