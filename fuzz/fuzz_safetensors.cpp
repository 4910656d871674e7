// libFuzzer target: arbitrary bytes as a .safetensors file through io::parse_safetensors (every
// tensor's bytes must lie inside the input and match its dtype and shape) and as a --layer file
// without a prefix and with the prefix "up", checking the sizes a loaded layer promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <span>

#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"
#include "io/layers/safetensors_file.hpp"
#include "layer_promises.hpp"

namespace {

void check(const tconv::core::ConvLayer& layer) { check_layer_promises(layer); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    try {
        const tconv::io::SafetensorsFile file = tconv::io::parse_safetensors(bytes, "f");
        std::size_t total = 0;
        for (const auto& [name, tensor] : file.tensors) {
            if (!tensor.data.empty() && (tensor.data.data() < data || tensor.data.data() + tensor.data.size() > data + size))
                std::abort();
            total += tensor.data.size();
        }
        if (total > size) std::abort();
    } catch (const tconv::io::IoError&) {}
    for (const char* selector : {"", "up"}) {
        try {
            check(tconv::io::decode_layer_file(tconv::io::LayerFormat::safetensors, bytes, "f", selector, std::nullopt, "", 0)
                      .layer);
        } catch (const tconv::io::IoError&) {}
    }
    return 0;
}
