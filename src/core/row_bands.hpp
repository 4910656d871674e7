// Splitting rows into bands, one thread each, for the convolution and the PNG filters alike; a
// band whose thread cannot be started is run by the caller, so a thread limit never fails a job.
#pragma once
#include <cstdint>
#include <system_error>
#include <thread>
#include <vector>

namespace tconv::core {

/// Calls band(y0, y1) for `bands` (>= 1) consecutive, near-equal bands covering rows [0, rows),
/// each on its own thread, and returns when every band is done. A band whose thread cannot be
/// started (a process or address-space limit: std::system_error) runs on the calling thread.
template <class Band>
void run_row_bands(std::int64_t rows, std::int64_t bands, const Band& band) {
    std::vector<std::jthread> workers;  // joined on return, also when a band throws
    for (std::int64_t b = 0; b < bands; ++b) {
        const std::int64_t y0 = rows * b / bands;
        const std::int64_t y1 = rows * (b + 1) / bands;
        try {
            workers.emplace_back([&band, y0, y1] { band(y0, y1); });
        } catch (const std::system_error&) {
            band(y0, y1);
        }
    }
}

}  // namespace tconv::core
