// StreamedConvolution: the lowest input row each suffix of output rows reads, precomputed, decides
// what the window may drop once a prefix of output rows is done.
#include "core/conv/streamed_convolution.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/schedule/ordered_tasks.hpp"

namespace tconv::core {

StreamedConvolution::StreamedConvolution(const RowConvolver& convolver, RowWindow& window)
    : convolver_(convolver), window_(window), suffix_first_(static_cast<std::size_t>(convolver.out().h) + 1) {
    const std::int64_t h = convolver.out().h;
    std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
    suffix_first_[static_cast<std::size_t>(h)] = lowest;
    for (std::int64_t y = h - 1; y >= 0; --y) {
        const auto [first, end] = convolver.input_rows(y, y + 1);
        if (first < end) lowest = std::min(lowest, first);
        suffix_first_[static_cast<std::size_t>(y)] = lowest;
    }
}

void StreamedConvolution::convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) {
    const auto [first, end] = convolver_.input_rows(y0, y1);
    window_.fill_to(end);
    convolver_.convolve_rows(y0, y1, sink);
    done(y0, y1);
}

void StreamedConvolution::done(std::int64_t y0, std::int64_t y1) {
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

Image StreamedConvolution::convolved_image(int threads) {
    const Extent2 out = convolver_.out();
    Image image = unwritten_image(out, convolver_.channels(), convolver_.depth());
    const std::size_t row_bytes = convolver_.row_bytes();
    // Blocks small enough that the input rows they read stay few.
    const std::int64_t block = rows_per_block(row_bytes);
    const std::int64_t blocks = (out.h + block - 1) / block;
    run_in_order(
        blocks, threads, 2 * std::int64_t{threads},
        [&] {
            return [&](std::int64_t b) {
                convolve_rows(b * block, std::min(out.h, (b + 1) * block), [&](std::int64_t y, const std::uint8_t* row) {
                    std::memcpy(image.pixels.data() + static_cast<std::size_t>(y) * row_bytes, row, row_bytes);
                });
                return 0;
            };
        },
        [](std::int64_t, int) {});
    return image;
}

}  // namespace tconv::core
