// transposed_conv: RowConvolver's rows, in one band of output rows per thread,
// written in place into the result image.
#include "core/conv/transposed_conv.hpp"

#include "core/conv/row_convolver.hpp"
#include "core/schedule/row_bands.hpp"

namespace tconv::core {
namespace {

/// Writes every row of `convolver`'s output over `out`'s pixels, in one band of rows per thread.
void convolve_into(const RowConvolver& convolver, int threads, Image& out) {
    run_row_bands(convolver.out().h, threads,
                  [&](std::int64_t y0, std::int64_t y1) { convolver.convolve_rows_into(y0, y1, out.pixels.data()); });
}

}  // namespace

void transposed_conv_into(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads, Image& out,
                          const ConvSchedule& schedule) {
    convolve_into(RowConvolver(in, kernel, shape, schedule), threads, out);
}

Image convolved_image(const RowConvolver& convolver, int threads) {
    // Every pixel is written by the bands, each in its own rows (so also the first to touch them).
    Image out = unwritten_image(convolver.out(), convolver.channels(), convolver.depth());
    convolve_into(convolver, threads, out);
    return out;
}

Image transposed_conv(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads,
                      const ConvSchedule& schedule) {
    return convolved_image(RowConvolver(in, kernel, shape, schedule), threads);
}

}  // namespace tconv::core
