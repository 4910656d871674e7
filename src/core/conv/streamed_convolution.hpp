// A planned convolution whose input streams through a RowWindow: output rows are computed once the
// window holds the input rows they read, and input rows are dropped once no output row still to be
// computed reads them, so the input held follows the kernel's reach, not the image's height.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

#include "core/conv/row_convolver.hpp"
#include "core/conv/row_window.hpp"
#include "core/image/image.hpp"

namespace tconv::core {

class StreamedConvolution {
public:
    /// `convolver` reads its input through `window`; both must outlive this.
    StreamedConvolution(const RowConvolver& convolver, RowWindow& window);

    /// RowConvolver::convolve_rows, filling the window first. Callable from several threads at once on
    /// bands that start in order: a band may read the last row of the band before it (a PNG filter's
    /// row above), no earlier one, and a band that does owns at least two rows, so that no band's rows
    /// are all done by the band after it while it still waits. Rethrows the window's fill failures.
    void convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink);

    /// Every output row into a whole image, in blocks of rows computed in order on `threads` threads.
    Image convolved_image(int threads);

private:
    /// Notes rows [y0, y1) as done and drops the input rows that no row left to compute reads.
    void done(std::int64_t y0, std::int64_t y1);

    const RowConvolver& convolver_;
    RowWindow& window_;
    std::vector<std::int64_t> suffix_first_;  ///< [y]: the lowest input row any output row from y on reads
    std::mutex mutex_;
    std::map<std::int64_t, std::int64_t> done_;  ///< finished bands past the finished prefix: start -> end
    std::int64_t prefix_ = 0;                    ///< output rows below this are all done
};

}  // namespace tconv::core
