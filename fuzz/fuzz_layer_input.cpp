// libFuzzer target: arbitrary bytes as an input of the main job's --layer (io::decode_layer_input: the
// .npy values path, or the image decoders), checking what a decoded .npy promises: its shape fits its
// values and every value is finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "io/io_error.hpp"
#include "io/layers/layer_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Caps small enough that every accepted input decodes quickly.
    tconv::io::LoadLimits limits{std::int64_t{1} << 20, std::uint64_t{1} << 24};
    try {
        const tconv::io::LayerInput in = tconv::io::decode_layer_input(std::span(data, size), "in", limits);
        if (in.npy) {
            const auto& v = *in.npy;
            if (v.channels < 1 || v.size.h < 1 || v.size.w < 1) std::abort();
            if (v.values.size() != static_cast<std::size_t>(v.size.h * v.size.w * v.channels)) std::abort();
            for (const double x : v.values)
                if (!std::isfinite(x)) std::abort();
        }
    } catch (const tconv::io::IoError&) {}
    return 0;
}
