// Output rows computed from an input that streams through a RowWindow: before a band of output rows
// runs, the window is filled up to the input rows the band reads; after, the input rows that no output
// row left to compute reads are dropped, so the input held follows the kernel's reach, not the image's
// height. The bookkeeping alone, for any computation of rows (pixels, real-valued sums).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "core/conv/row_window.hpp"

namespace tconv::core {

class StreamedRows {
public:
    /// The input rows [first, end) that output rows y0 .. y1-1 read (empty: first == end).
    using Reach = std::function<std::pair<std::int64_t, std::int64_t>(std::int64_t y0, std::int64_t y1)>;

    /// `out_rows` output rows reading `window` as `reach` says; the window must outlive this.
    StreamedRows(std::int64_t out_rows, Reach reach, RowWindow& window);

    /// Fills the window with what rows y0 .. y1-1 read, calls compute(), and notes the rows done.
    /// Callable from several threads at once on bands that start in order: a band may read the last row
    /// of the band before it (a PNG filter's row above), no earlier one, and a band that does owns at
    /// least two rows, so that no band's rows are all done by the band after it while it still waits.
    /// Rethrows the window's fill failures.
    template <class Compute>
    void run(std::int64_t y0, std::int64_t y1, Compute&& compute) {
        window_.fill_to(reach_(y0, y1).second);
        compute();
        done(y0, y1);
    }

private:
    /// Notes rows [y0, y1) as done and drops the input rows that no row left to compute reads.
    void done(std::int64_t y0, std::int64_t y1);

    Reach reach_;
    RowWindow& window_;
    std::vector<std::int64_t> suffix_first_;  ///< [y]: the lowest input row any output row from y on reads
    std::mutex mutex_;
    std::map<std::int64_t, std::int64_t> done_;  ///< finished bands past the finished prefix: start -> end
    std::int64_t prefix_ = 0;                    ///< output rows below this are all done
};

}  // namespace tconv::core
