// StreamedRows: the lowest input row each suffix of output rows reads, precomputed, decides what the
// window may drop once a prefix of output rows is done.
#include "core/conv/streamed_rows.hpp"

#include <algorithm>
#include <limits>

namespace tconv::core {

StreamedRows::StreamedRows(std::int64_t out_rows, Reach reach, RowWindow& window)
    : reach_(std::move(reach)), window_(window), suffix_first_(static_cast<std::size_t>(out_rows) + 1) {
    std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
    suffix_first_[static_cast<std::size_t>(out_rows)] = lowest;
    for (std::int64_t y = out_rows - 1; y >= 0; --y) {
        const auto [first, end] = reach_(y, y + 1);
        if (first < end) lowest = std::min(lowest, first);
        suffix_first_[static_cast<std::size_t>(y)] = lowest;
    }
}

void StreamedRows::done(std::int64_t y0, std::int64_t y1) {
    const std::lock_guard lock(mutex_);
    auto& end = done_[y0];
    end = std::max(end, y1);
    // Bands overlap by a row at most (a band reads the row before it), so a band starting at or below
    // the prefix extends it.
    for (auto it = done_.begin(); it != done_.end() && it->first <= prefix_; it = done_.erase(it))
        prefix_ = std::max(prefix_, it->second);
    // Rows still to compute start at the prefix, and a band may read the row before it.
    window_.drop_below(suffix_first_[static_cast<std::size_t>(std::max<std::int64_t>(prefix_ - 1, 0))]);
}

}  // namespace tconv::core
