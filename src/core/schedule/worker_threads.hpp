// The one place tconv starts worker threads. A C++ exception that leaves a thread's function ends the
// process (std::terminate: an abort, exit 134), so every task runs guarded here and its exception, a
// std::bad_alloc under a memory limit among them, reaches the caller instead; a thread that cannot be
// started (a process or address-space limit) costs parallelism, never the job.
#pragma once
#include <cstdint>
#include <exception>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <vector>

namespace tconv::core {

/// Calls task(i) once for every i in [0, tasks) and returns when all are done: task 0 on the calling
/// thread, each other on a thread of its own. When a thread cannot be started (std::system_error, or
/// std::bad_alloc for its state) no more are tried, and the tasks not started run on the calling
/// thread after task 0. If tasks throw, the first exception is rethrown here once every task has
/// finished; the others are dropped.
template <class Task>
void run_tasks(std::int64_t tasks, const Task& task) {
    std::mutex mutex;
    std::exception_ptr failure;
    auto guarded = [&](std::int64_t i) {
        try {
            task(i);
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> threads;  // joined at the end of this block
        std::int64_t started = 1;           // task 0 is the caller's
        try {
            if (tasks > 1) threads.reserve(static_cast<std::size_t>(tasks - 1));
            for (; started < tasks; ++started) threads.emplace_back([&guarded, started] { guarded(started); });
        } catch (const std::system_error&) {
            // A process or address-space limit: the tasks not started run below, on this thread.
        } catch (const std::bad_alloc&) {
            // No memory for a thread's state: the same.
        }
        if (tasks > 0) guarded(0);
        for (std::int64_t i = started; i < tasks; ++i) guarded(i);
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace tconv::core
