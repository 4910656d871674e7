// The fast path behind transposed_conv: RowConvolver's rows, in one band of output rows per thread,
// copied into the result image.
#include "core/transposed_conv.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/row_bands.hpp"
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
    run_row_bands(h, bands, band);
    return out;
}

}  // namespace tconv::core
