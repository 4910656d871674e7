// Blocks of rows computed ahead by core::run_in_order and used in order.
#include "io/output/ordered_rows.hpp"

#include <algorithm>
#include <vector>

#include "core/schedule/ordered_tasks.hpp"

namespace tconv::io {

void use_rows_in_order(std::int64_t height, std::size_t row_bytes, const core::RowProducer& rows, int threads,
                       const core::RowSink& use) {
    const std::int64_t block = core::rows_per_block(row_bytes);
    core::run_in_order(
        (height + block - 1) / block, threads, 2 * std::int64_t{threads},
        [&] {
            return [&](std::int64_t b) {
                const std::int64_t y0 = b * block, y1 = std::min(height, y0 + block);
                std::vector<std::uint8_t> pixels(static_cast<std::size_t>(y1 - y0) * row_bytes);
                rows(y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
                    std::copy_n(row, row_bytes,
                                pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y - y0) * row_bytes));
                });
                return pixels;
            };
        },
        [&](std::int64_t b, std::vector<std::uint8_t>&& pixels) {
            for (std::size_t at = 0, y = static_cast<std::size_t>(b * block); at < pixels.size(); at += row_bytes, ++y)
                use(static_cast<std::int64_t>(y), pixels.data() + at);
        });
}

core::RowProducer rows_of(const std::uint8_t* pixels, std::size_t row_bytes) {
    return [pixels, row_bytes](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
        for (std::int64_t y = y0; y < y1; ++y) sink(y, pixels + static_cast<std::size_t>(y) * row_bytes);
    };
}

}  // namespace tconv::io
