// libFuzzer target: arbitrary bytes as a Keras 3 .keras archive through io::decode_layer_file (libzip,
// the JSON config walk, libhdf5 on the weights entry), without a layer name and with "up", checking
// the sizes a loaded layer promises and the geometry's form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>

#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"
#include "layer_promises.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    for (const char* layer : {"", "up"}) {
        try {
            const auto file =
                tconv::io::decode_layer_file(tconv::io::LayerFormat::keras, bytes, "m.keras", layer, std::nullopt, "", 0);
            check_layer_promises(file.layer);
            if (!file.keras || file.keras->strides.size() != 2 || file.keras->dilation_rate.size() != 2) std::abort();
        } catch (const tconv::io::IoError&) {}
    }
    return 0;
}
