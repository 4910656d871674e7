// The signal-safe registry of named temp files, and the handlers that remove them.
#include "io/output/temp_names.hpp"

#include <array>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <unistd.h>

namespace tconv::io {
namespace {

constexpr std::array cleanup_signals{SIGINT, SIGTERM, SIGHUP, SIGPIPE};

// Fixed slots, so that the handler reads them without locks.
constexpr std::size_t max_slots = 256;
constexpr std::size_t max_path = PATH_MAX;
struct Slot {
    std::atomic<bool> used{false};  ///< path names a file that may exist
    bool reserved = false;          ///< taken by a TempName (guarded by slot_mutex)
    char path[max_path]{};
};
std::array<Slot, max_slots> slots;
std::mutex slot_mutex;
std::condition_variable slot_freed;

// The handshake that keeps a file from being created behind the handler's back: a creator counts
// itself in `creating` and then checks `dying`; the handler sets `dying` and then waits for
// `creating` to drop to 0. Sequentially consistent atomics make at least one of them see the other.
std::atomic<bool> dying{false};
std::atomic<int> creating{0};
std::atomic<unsigned long> name_counter{0};

extern "C" void on_fatal_signal(int sig) {
    dying.store(true);
    while (creating.load() > 0) {}
    for (auto& slot : slots)
        if (slot.used.load()) ::unlink(slot.path);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(sig, &dfl, nullptr);
    ::raise(sig);  // delivered when the handler returns: the process ends with status 128 + sig
}

/// Blocks the cleanup signals in the calling thread while alive, so that the handler never runs on
/// a thread that is inside the creation handshake (it would wait for itself).
class SignalBlock {
public:
    SignalBlock() {
        sigset_t set;
        sigemptyset(&set);
        for (const int sig : cleanup_signals) sigaddset(&set, sig);
        ::pthread_sigmask(SIG_BLOCK, &set, &old_);
    }
    ~SignalBlock() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    SignalBlock(const SignalBlock&) = delete;
    SignalBlock& operator=(const SignalBlock&) = delete;

private:
    sigset_t old_{};
};

}  // namespace

TempName::TempName() {
    std::unique_lock lock(slot_mutex);
    while (true) {
        for (std::size_t i = 0; i < max_slots; ++i)
            if (!slots[i].reserved) {
                slots[i].reserved = true;
                slot_ = i;
                return;
            }
        slot_freed.wait(lock);
    }
}

TempName::~TempName() {
    forget();
    {
        std::lock_guard lock(slot_mutex);
        slots[slot_].reserved = false;
    }
    slot_freed.notify_one();
}

int TempName::create(const std::string& path, const std::function<int()>& create) {
    if (path.size() >= max_path) return ENAMETOOLONG;
    SignalBlock block;
    creating.fetch_add(1);
    int err = EINTR;
    if (!dying.load()) {
        Slot& slot = slots[slot_];
        std::memcpy(slot.path, path.c_str(), path.size() + 1);
        slot.used.store(true);
        err = create();
        if (err) slot.used.store(false);
    }
    creating.fetch_sub(1);
    return err;
}

void TempName::forget() { slots[slot_].used.store(false); }

std::string temp_name_for(const std::string& base) {
    const std::string suffix = ".tconv-" + std::to_string(::getpid()) + "-" + std::to_string(name_counter.fetch_add(1));
    const std::size_t room = NAME_MAX - 1 - suffix.size();
    std::size_t keep = std::min(base.size(), room);
    // Cut at a character boundary, so that a shortened UTF-8 name stays valid UTF-8.
    while (keep > 0 && keep < base.size() && (static_cast<unsigned char>(base[keep]) & 0xC0) == 0x80) --keep;
    std::string name(1, '.');
    name.append(base, 0, keep);
    name += suffix;
    return name;
}

void prepare_output_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (const int sig : cleanup_signals) sigaddset(&sa.sa_mask, sig);  // a second signal waits for this cleanup
    for (const int sig : cleanup_signals) {
        struct sigaction old {};
        ::sigaction(sig, nullptr, &old);
        // An ignored signal stays ignored: nohup, and background jobs of non-interactive shells.
        if (old.sa_handler != SIG_IGN) ::sigaction(sig, &sa, nullptr);
    }
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGXFSZ, &ignore, nullptr);
}

}  // namespace tconv::io
