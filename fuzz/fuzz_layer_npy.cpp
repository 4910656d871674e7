// libFuzzer target: arbitrary bytes as a --layer .npy weight (the first byte picks --groups 0..3 and
// whether the rest is also tried as the --bias), checking what a loaded layer promises: its weight
// and bias sizes match its channels, groups and kernel.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>

#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"
#include "layer_promises.hpp"

namespace {

void check(const tconv::core::ConvLayer& layer) { check_layer_promises(layer); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const int groups = data[0] & 3;
    const std::span<const std::uint8_t> bytes(data + 1, size - 1);
    try {
        check(tconv::io::decode_layer_file(tconv::io::LayerFormat::npy, bytes, "w.npy", "", std::nullopt, "", groups).layer);
    } catch (const tconv::io::IoError&) {}
    if ((data[0] & 4) != 0) {
        // The same bytes as weight and bias: the bias path's parsing and length check.
        try {
            check(tconv::io::decode_layer_file(tconv::io::LayerFormat::npy, bytes, "w.npy", "", bytes, "b.npy", groups).layer);
        } catch (const tconv::io::IoError&) {}
    }
    return 0;
}
