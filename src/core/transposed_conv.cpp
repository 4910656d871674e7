// The fast path behind transposed_conv: RowConvolver's rows, in one band of output rows per thread,
// copied into the result image.
#include "core/transposed_conv.hpp"

#include <algorithm>
#include <cstring>
#include <system_error>
#include <thread>
#include <vector>

#include "core/row_convolver.hpp"

namespace tconv::core {

Image transposed_conv(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads) {
    const RowConvolver convolver(in, kernel, shape);
    Image out = blank_image(shape.out(), in.channels);
    const std::int64_t h = shape.rows.out;
    const auto row_bytes = static_cast<std::size_t>(shape.cols.out * in.channels);
    auto band = [&](std::int64_t y0, std::int64_t y1) {
        convolver.convolve_rows(y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
            std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * row_bytes, row, row_bytes);
        });
    };
    const std::int64_t bands = std::clamp<std::int64_t>(threads, 1, h);
    if (bands == 1) {
        band(0, h);
        return out;
    }
    {
        std::vector<std::jthread> workers;  // joined at the end of this block, before `out` is returned
        for (std::int64_t b = 0; b < bands; ++b) {
            try {
                workers.emplace_back(band, h * b / bands, h * (b + 1) / bands);
            } catch (const std::system_error&) {
                // No thread to be had (a process or address-space limit): this band is done here,
                // so a constrained machine makes the job slower, never failed.
                band(h * b / bands, h * (b + 1) / bands);
            }
        }
    }
    return out;
}

}  // namespace tconv::core
