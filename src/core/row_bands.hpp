// Splitting rows into bands, one thread each, for the convolution and the PNG writer alike; a band
// whose thread cannot be started is run by the caller, so a thread limit never fails a job.
#pragma once
#include <cstdint>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace tconv::core {

/// Calls band(y0, y1) for `bands` (>= 1) consecutive, near-equal bands covering rows [0, rows),
/// each on its own thread (one band runs on the calling thread), and returns when every band is
/// done. A band whose thread cannot be started (a process or address-space limit: std::system_error)
/// runs on the calling thread. If bands throw, the first exception is rethrown here once all bands
/// have finished: none may escape its thread, which would end the process.
template <class Band>
void run_row_bands(std::int64_t rows, std::int64_t bands, const Band& band) {
    if (bands == 1) {
        band(0, rows);
        return;
    }
    std::mutex mutex;
    std::exception_ptr failure;
    auto guarded = [&](std::int64_t y0, std::int64_t y1) {
        try {
            band(y0, y1);
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> workers;  // joined at the end of this block
        for (std::int64_t b = 0; b < bands; ++b) {
            const std::int64_t y0 = rows * b / bands;
            const std::int64_t y1 = rows * (b + 1) / bands;
            try {
                workers.emplace_back([&guarded, y0, y1] { guarded(y0, y1); });
            } catch (const std::system_error&) {
                guarded(y0, y1);
            }
        }
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace tconv::core
