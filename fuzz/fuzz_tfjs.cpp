// libFuzzer target: a TensorFlow.js model.json and one weight shard through io::read_tfjs_model (the
// JSON, the config walk, the manifest's offsets and quantization). The input is a 2-byte little-endian
// length, that many bytes of model.json, then the shard every path of the manifest reads.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "io/io_error.hpp"
#include "io/layers/tfjs_model.hpp"
#include "layer_promises.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t json_size = std::min<std::size_t>(size - 2, data[0] | (data[1] << 8));
    const std::span<const std::uint8_t> json(data + 2, json_size);
    const std::vector<std::uint8_t> shard(data + 2 + json_size, data + size);
    const tconv::io::ShardReader reader = [&](const std::string&, std::uint64_t limit) {
        if (shard.size() > limit) throw tconv::io::IoError("w.bin", "too large");
        return shard;
    };
    for (const char* layer : {"", "up"}) {
        try {
            const auto file = tconv::io::read_tfjs_model(json, "m.json", layer, reader);
            check_layer_promises(file.layer);
            if (!file.keras) std::abort();
        } catch (const tconv::io::IoError&) {}
    }
    return 0;
}
