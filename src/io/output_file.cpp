// Atomic output files, and the signal-safe registry of temp files that an interrupt must remove.
#include "io/output_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/file_bytes.hpp"
#include "io/io_error.hpp"

namespace tconv::io {
namespace {

constexpr std::array cleanup_signals{SIGINT, SIGTERM, SIGHUP};

// Temp files being written, in fixed slots so that a signal handler can read them without locks.
// A writer waits for a free slot rather than write a temp file that an interrupt could not remove.
constexpr std::size_t max_slots = 256;
constexpr std::size_t max_path = 4096;
struct TempSlot {
    std::atomic<bool> used{false};  ///< path holds a temp file that may exist
    bool reserved = false;          ///< taken by a writer (guarded by slot_mutex)
    char path[max_path]{};
};
std::array<TempSlot, max_slots> temp_slots;
std::mutex slot_mutex;
std::condition_variable slot_freed;

// The handshake that keeps a temp file from being created behind the handler's back: a creator
// counts itself in `creating` and then checks `dying`; the handler sets `dying` and then waits for
// `creating` to drop to 0. Sequentially consistent atomics make at least one of them see the other.
std::atomic<bool> dying{false};
std::atomic<int> creating{0};
std::atomic<unsigned long> temp_counter{0};

extern "C" void on_fatal_signal(int sig) {
    dying.store(true);
    while (creating.load() > 0) {}
    for (auto& slot : temp_slots)
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

/// A temp file created beside its target and registered for removal on a signal; removed by the
/// destructor unless it was renamed into place.
class TempFile {
public:
    /// Creates ".BASE.tconv-PID-N" in `dir_prefix` ("" or "DIR/"). Throws IoError naming `target`.
    TempFile(const std::string& dir_prefix, const std::string& base, const std::string& target) {
        slot_ = reserve_slot();
        const std::string prefix = dir_prefix + "." + base + ".tconv-" + std::to_string(::getpid()) + "-";
        int err = 0;
        {
            SignalBlock block;
            creating.fetch_add(1);
            if (dying.load()) err = EINTR;
            while (!err) {
                path_ = prefix + std::to_string(temp_counter.fetch_add(1));
                if (path_.size() >= max_path) {
                    err = ENAMETOOLONG;
                    break;
                }
                TempSlot& slot = temp_slots[slot_];
                std::memcpy(slot.path, path_.c_str(), path_.size() + 1);
                slot.used.store(true);
                fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
                if (fd_ >= 0) break;
                err = errno;
                slot.used.store(false);
                if (err == EEXIST) err = 0;  // a stale temp file of an earlier process with our pid
            }
            creating.fetch_sub(1);
        }
        if (fd_ < 0) {
            release_slot();
            throw creation_error(dir_prefix, target, err);
        }
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!published_) ::unlink(path_.c_str());
        release_slot();
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    /// Writes, closes and renames over `target`; returns errno on failure, 0 on success.
    int publish(std::span<const std::uint8_t> bytes, const std::string& target) {
        int err = write_all(fd_, bytes);
        if (::close(fd_) != 0 && !err) err = errno;
        fd_ = -1;
        if (!err && ::rename(path_.c_str(), target.c_str()) != 0) err = errno;
        published_ = !err;
        return err;
    }

private:
    static std::size_t reserve_slot() {
        std::unique_lock lock(slot_mutex);
        while (true) {
            for (std::size_t i = 0; i < max_slots; ++i)
                if (!temp_slots[i].reserved) {
                    temp_slots[i].reserved = true;
                    return i;
                }
            slot_freed.wait(lock);
        }
    }
    void release_slot() {
        temp_slots[slot_].used.store(false);
        {
            std::lock_guard lock(slot_mutex);
            temp_slots[slot_].reserved = false;
        }
        slot_freed.notify_one();
    }
    static IoError creation_error(const std::string& dir_prefix, const std::string& target, int err) {
        const std::string dir = dir_prefix.empty() ? "." : dir_prefix == "/" ? "/" : dir_prefix.substr(0, dir_prefix.size() - 1);
        if (err == EINTR) return IoError(target, "interrupted");
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0)
            return IoError(target, "cannot create file: directory '" + dir + "' does not exist or cannot be reached");
        if (!S_ISDIR(st.st_mode)) return IoError(target, "cannot create file: '" + dir + "' is not a directory");
        return IoError(target, std::string("cannot create file (") + std::strerror(err) + ")");
    }

    std::size_t slot_ = 0;
    std::string path_;
    int fd_ = -1;
    bool published_ = false;
};

}  // namespace

void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes) {
    if (path == "-") {
        if (const int err = write_all(STDOUT_FILENO, bytes)) throw IoError("-", std::strerror(err));
        return;
    }
    if (path.empty() || path.back() == '/') throw IoError(path, "output path names a directory");
    const auto slash = path.rfind('/');
    const std::string dir_prefix = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    TempFile temp(dir_prefix, base, path);
    if (const int err = temp.publish(bytes, path)) {
        if (err == EISDIR) throw IoError(path, "output path is a directory");
        throw IoError(path, std::string("cannot write file (") + std::strerror(err) + ")");
    }
}

void remove_temp_files_on_signal() {
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
}

}  // namespace tconv::io
