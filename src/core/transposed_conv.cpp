// transposed_conv: RowConvolver's rows, in one band of output rows per thread,
// written in place into the result image.
#include "core/transposed_conv.hpp"

#include <algorithm>
#include <vector>

#include "core/row_bands.hpp"
#include "core/row_convolver.hpp"

namespace tconv::core {

void transposed_conv_into(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads, Image& out,
                          const ConvSchedule& schedule) {
    const RowConvolver convolver(in, kernel, shape, schedule);
    const std::int64_t h = shape.rows.out;
    auto band = [&](std::int64_t y0, std::int64_t y1) { convolver.convolve_rows_into(y0, y1, out.pixels.data()); };
    run_row_bands(h, std::clamp<std::int64_t>(threads, 1, h), band);
}

Image transposed_conv(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads,
                      const ConvSchedule& schedule) {
    // Every pixel is written by the bands, each in its own rows (so also the first to touch them).
    Image out = unwritten_image(shape.out(), in.channels, in.depth);
    transposed_conv_into(in, kernel, shape, threads, out, schedule);
    return out;
}

}  // namespace tconv::core
