// The fits' unit of parallel work: fixed blocks of rows whose partial sums are added in block order,
// so that a loss or gradient is the same bits for any thread count.
#pragma once
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/tap_runs.hpp"
#include "core/schedule/row_bands.hpp"

namespace tconv::core {

/// Rows per block of partial sums: fixed, so that the sums do not depend on the thread count.
inline constexpr std::int64_t fit_block_rows = 16;

/// Rows `rows` of example `example`: one unit of work, and one partial sum.
struct RowBlock {
    std::size_t example = 0;
    RowRange rows;
};

/// Every example's rows [0, rows[example]) cut into blocks of fit_block_rows, examples in order.
inline std::vector<RowBlock> row_blocks(std::span<const std::int64_t> rows) {
    std::vector<RowBlock> blocks;
    for (std::size_t e = 0; e < rows.size(); ++e)
        for (std::int64_t y = 0; y < rows[e]; y += fit_block_rows)
            blocks.push_back({e, {y, std::min(rows[e], y + fit_block_rows)}});
    return blocks;
}

/// Calls work(i) for every block index i < blocks, the blocks split into bands over up to `threads`.
template <class Work>
void run_blocks(std::size_t blocks, int threads, const Work& work) {
    const auto n = static_cast<std::int64_t>(blocks);
    if (n == 0) return;
    run_row_bands(n, threads, [&](std::int64_t b0, std::int64_t b1) {
        for (std::int64_t b = b0; b < b1; ++b) work(static_cast<std::size_t>(b));
    });
}

/// Adds into `grad` the partial sums that work(i, partial) writes for each block i < blocks (each into a
/// zeroed span of grad.size() values of its own, the blocks over up to `threads` threads), in block
/// order: the same bits for any thread count.
template <class Work>
void add_block_partials(std::size_t blocks, int threads, std::span<double> grad, const Work& work) {
    const std::size_t n = grad.size();
    std::vector<double> partial(blocks * n, 0.0);
    run_blocks(blocks, threads, [&](std::size_t i) { work(i, std::span<double>(partial).subspan(i * n, n)); });
    for (std::size_t i = 0; i < blocks; ++i)
        for (std::size_t t = 0; t < n; ++t) grad[t] += partial[i * n + t];
}

}  // namespace tconv::core
