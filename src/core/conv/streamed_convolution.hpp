// A planned convolution whose input streams through a RowWindow: output rows are computed once the
// window holds the input rows they read, and input rows are dropped once no output row still to be
// computed reads them (StreamedRows), so the input held follows the kernel's reach, not the image's height.
#pragma once
#include <cstdint>

#include "core/conv/row_convolver.hpp"
#include "core/conv/row_window.hpp"
#include "core/conv/streamed_rows.hpp"
#include "core/image/image.hpp"

namespace tconv::core {

class StreamedConvolution {
public:
    /// `convolver` reads its input through `window`; both must outlive this.
    StreamedConvolution(const RowConvolver& convolver, RowWindow& window);

    /// RowConvolver::convolve_rows, filling the window first, on bands as StreamedRows::run takes them.
    /// Rethrows the window's fill failures.
    void convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink);

    /// Every output row into a whole image, in blocks of rows computed in order on `threads` threads.
    Image convolved_image(int threads);

private:
    const RowConvolver& convolver_;
    StreamedRows rows_;
};

}  // namespace tconv::core
