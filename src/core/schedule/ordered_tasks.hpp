// Results computed on several threads but consumed one after another in order, as a file written as
// it is made needs them: the rows of an image compressed in segments, each written once those before
// it are. A bounded number of results wait at any time, so memory does not grow with the count.
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>

#include "core/schedule/worker_threads.hpp"

namespace tconv::core {

/// Rows of `row_bytes` bytes in about 1 MiB, at least `least`: the block of rows one task computes at
/// a time, small enough that the blocks waiting their turn stay few megabytes, large enough that each
/// task's overhead is small.
inline std::int64_t rows_per_block(std::size_t row_bytes, std::int64_t least = 1) {
    constexpr std::size_t block_bytes = std::size_t{1} << 20;
    return std::max(least, static_cast<std::int64_t>(block_bytes / row_bytes));
}

/// Computes results 0 .. count-1 on up to `threads` tasks of run_tasks, each task taking the next index
/// in turn, and passes each to consume(i, result) in index order, under a lock, from whichever thread
/// completes the run. No index is taken more than `ahead` (>= 1) past the next one to consume, so at
/// most about threads + ahead results are held at once. make_worker() is called once in each task and
/// returns that task's compute function: result = worker(i). The first exception from a worker or
/// from consume stops every task and is rethrown here, with nothing consumed after it.
template <class MakeWorker, class Consume>
void run_in_order(std::int64_t count, std::int64_t threads, std::int64_t ahead, const MakeWorker& make_worker,
                  const Consume& consume) {
    using Result = decltype(make_worker()(std::int64_t{}));
    if (count <= 0) return;
    std::mutex mutex;
    std::condition_variable turn;
    std::int64_t next = 0, consumed = 0;
    bool stopped = false;
    std::map<std::int64_t, Result> ready;
    run_tasks(std::clamp<std::int64_t>(threads, 1, count), [&](std::int64_t) {
        try {
            auto worker = make_worker();
            for (;;) {
                std::int64_t i = 0;
                {
                    std::unique_lock lock(mutex);
                    turn.wait(lock, [&] { return stopped || next >= count || next < consumed + ahead; });
                    if (stopped || next >= count) return;
                    i = next++;
                }
                Result result = worker(i);
                const std::lock_guard lock(mutex);
                if (stopped) return;
                ready.emplace(i, std::move(result));
                for (auto it = ready.find(consumed); it != ready.end(); it = ready.find(consumed)) {
                    consume(consumed, std::move(it->second));
                    ready.erase(it);
                    ++consumed;
                }
                turn.notify_all();
            }
        } catch (...) {
            {
                const std::lock_guard lock(mutex);
                stopped = true;
            }
            turn.notify_all();
            throw;
        }
    });
}

}  // namespace tconv::core
