// Splitting rows into bands, one thread each (through run_tasks), for the convolution, the fits and
// the PNG writer alike.
#pragma once
#include <algorithm>
#include <cstdint>

#include "core/schedule/worker_threads.hpp"

namespace tconv::core {

/// Calls band(y0, y1) for `bands` (taken as 1 to `rows`) consecutive, near-equal bands covering rows
/// [0, rows), each a task of run_tasks (band 0 on the calling thread), and returns when every band is
/// done. A band whose thread cannot be started runs on the calling thread; the first exception a band
/// throws is rethrown here once all bands have finished.
template <class Band>
void run_row_bands(std::int64_t rows, std::int64_t bands, const Band& band) {
    const std::int64_t n = std::max<std::int64_t>(1, std::min(bands, rows));
    run_tasks(n, [&](std::int64_t b) { band(rows * b / n, rows * (b + 1) / n); });
}

}  // namespace tconv::core
