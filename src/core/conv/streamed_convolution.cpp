// StreamedConvolution: RowConvolver's rows through StreamedRows' bookkeeping.
#include "core/conv/streamed_convolution.hpp"

#include "core/conv/rows_image.hpp"

namespace tconv::core {

StreamedConvolution::StreamedConvolution(const RowConvolver& convolver, RowWindow& window)
    : convolver_(convolver),
      rows_(
          convolver.out().h, [&convolver](std::int64_t y0, std::int64_t y1) { return convolver.input_rows(y0, y1); }, window) {}

void StreamedConvolution::convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) {
    rows_.run(y0, y1, [&] { convolver_.convolve_rows(y0, y1, sink); });
}

Image StreamedConvolution::convolved_image(int threads) {
    return image_from_rows([this](std::int64_t y0, std::int64_t y1, const RowSink& sink) { convolve_rows(y0, y1, sink); },
                           convolver_.out(), convolver_.channels(), convolver_.depth(), threads);
}

}  // namespace tconv::core
