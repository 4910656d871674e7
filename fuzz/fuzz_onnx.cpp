// libFuzzer target: arbitrary bytes as an .onnx --layer file through io::decode_layer_file (protobuf
// parsing by libonnx's definitions, node lookup, tensors, attributes), without a node name and with
// "up", checking the sizes a loaded layer promises and the form of the attributes it reports.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>

#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"
#include "layer_promises.hpp"

namespace {

void check(const tconv::io::LayerFile& file) {
    const tconv::core::ConvLayer& layer = file.layer;
    check_layer_promises(layer);
    if (!file.onnx) std::abort();
    const tconv::io::OnnxGeometry& g = *file.onnx;
    if (g.pads && g.pads->size() != 4) std::abort();
    if (g.strides && g.strides->size() != 2) std::abort();
    if (g.group && *g.group != layer.groups) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    for (const char* node : {"", "up"}) {
        try {
            check(tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes, "m.onnx", node, std::nullopt, "", 0));
        } catch (const tconv::io::IoError&) {}
    }
    return 0;
}
