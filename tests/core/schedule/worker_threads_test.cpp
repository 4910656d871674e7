// run_tasks: every task runs once; an exception thrown on a worker thread, std::bad_alloc included,
// reaches the caller as one exception after every task has finished; and a thread that cannot be
// started leaves its task to the caller instead of failing the job.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <new>
#include <pthread.h>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/schedule/worker_threads.hpp"

namespace core = tconv::core;

namespace {

/// While alive, no thread can be started: the default stack size of new threads is larger than the
/// address space, so pthread_create fails (EAGAIN) as it does under an exhausted address-space limit.
class NoThreadsCanStart {
public:
    NoThreadsCanStart() {
        ::pthread_getattr_default_np(&saved_);
        pthread_attr_t huge;
        ::pthread_attr_init(&huge);
        ::pthread_attr_setstacksize(&huge, std::size_t{1} << 62);
        ::pthread_setattr_default_np(&huge);
        ::pthread_attr_destroy(&huge);
    }
    ~NoThreadsCanStart() {
        ::pthread_setattr_default_np(&saved_);
        ::pthread_attr_destroy(&saved_);
    }
    NoThreadsCanStart(const NoThreadsCanStart&) = delete;
    NoThreadsCanStart& operator=(const NoThreadsCanStart&) = delete;

private:
    pthread_attr_t saved_{};
};

/// Runs `tasks` tasks, each recording into `ran_on` the thread it ran on; task `throwing` then throws.
void run_recording(std::int64_t tasks, std::int64_t throwing, std::vector<std::thread::id>& ran_on) {
    ran_on.assign(static_cast<std::size_t>(tasks), std::thread::id());
    core::run_tasks(tasks, [&](std::int64_t i) {
        ran_on[static_cast<std::size_t>(i)] = std::this_thread::get_id();
        if (i == throwing) throw std::runtime_error("task " + std::to_string(i) + " failed");
    });
}

}  // namespace

TEST_CASE("run_tasks runs every task once, task 0 on the caller and the others on threads of their own",
          "[core][worker_threads]") {
    for (std::int64_t tasks : {0, 1, 2, 5}) {
        std::vector<std::atomic<int>> runs(static_cast<std::size_t>(tasks));
        std::mutex mutex;
        std::set<std::thread::id> threads;
        std::thread::id first;
        core::run_tasks(tasks, [&](std::int64_t i) {
            ++runs[static_cast<std::size_t>(i)];
            const std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
            if (i == 0) first = std::this_thread::get_id();
        });
        CAPTURE(tasks);
        for (const auto& r : runs) REQUIRE(r.load() == 1);
        REQUIRE(threads.size() == static_cast<std::size_t>(tasks));
        if (tasks > 0) REQUIRE(first == std::this_thread::get_id());
    }
}

TEST_CASE("an exception on a worker thread reaches the caller once every task has finished", "[core][worker_threads]") {
    std::atomic<int> finished{0};
    auto run = [&] {
        core::run_tasks(4, [&](std::int64_t i) {
            ++finished;
            if (i == 2) throw std::bad_alloc();
        });
    };
    REQUIRE_THROWS_AS(run(), std::bad_alloc);
    REQUIRE(finished.load() == 4);
}

TEST_CASE("when several tasks throw, the caller gets one of their exceptions", "[core][worker_threads]") {
    auto run = [] { core::run_tasks(3, [](std::int64_t i) { throw std::runtime_error("task " + std::to_string(i)); }); };
    REQUIRE_THROWS_AS(run(), std::runtime_error);
}

TEST_CASE("a thread that cannot be started leaves its task to the caller", "[core][worker_threads]") {
    const NoThreadsCanStart guard;
    REQUIRE_THROWS_AS(std::jthread([] {}), std::system_error);
    std::vector<std::thread::id> ran_on;
    run_recording(3, -1, ran_on);
    REQUIRE(ran_on == std::vector<std::thread::id>(3, std::this_thread::get_id()));
}

TEST_CASE("a thread that cannot be started still lets an exception of its task reach the caller", "[core][worker_threads]") {
    const NoThreadsCanStart guard;
    std::vector<std::thread::id> ran_on;
    REQUIRE_THROWS_WITH(run_recording(3, 2, ran_on), "task 2 failed");
    REQUIRE(ran_on == std::vector<std::thread::id>(3, std::this_thread::get_id()));
}
