// Atomic output files, and the signal-safe list of temp files that an interrupt must remove.
#include "io/output_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

#include "io/file_bytes.hpp"
#include "io/io_error.hpp"

namespace tconv::io {
namespace {

// Temp files being written, in fixed slots so a signal handler can read them without locks.
constexpr std::size_t max_slots = 256;
constexpr std::size_t max_path = 4096;
struct TempSlot {
    std::atomic<bool> used{false};
    char path[max_path]{};
};
std::array<TempSlot, max_slots> temp_slots;
std::mutex slot_mutex;

mode_t file_mode() {
    static const mode_t mode = [] {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

/// Holds a slot for the temp file's path while it exists; an empty guard when every slot is taken
/// (the file is then still removed on errors, only not on a signal).
class TempGuard {
public:
    explicit TempGuard(const std::string& p) {
        if (p.size() >= max_path) return;
        std::lock_guard lock(slot_mutex);
        for (std::size_t i = 0; i < max_slots; ++i)
            if (!temp_slots[i].used.load()) {
                std::memcpy(temp_slots[i].path, p.c_str(), p.size() + 1);
                temp_slots[i].used.store(true);
                slot_ = static_cast<int>(i);
                return;
            }
    }
    ~TempGuard() {
        if (slot_ >= 0) temp_slots[static_cast<std::size_t>(slot_)].used.store(false);
    }
    TempGuard(const TempGuard&) = delete;
    TempGuard& operator=(const TempGuard&) = delete;

private:
    int slot_ = -1;
};

extern "C" void on_fatal_signal(int sig) {
    for (auto& slot : temp_slots)
        if (slot.used.load()) ::unlink(slot.path);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string base_name(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes) {
    if (path == "-") {
        if (const int err = write_all(STDOUT_FILENO, bytes)) throw IoError("-", std::strerror(err));
        return;
    }
    if (path.empty() || path.back() == '/') throw IoError(path, "output path names a directory");
    const std::string dir = directory_of(path);
    std::string temp = (dir == "." && path.find('/') == std::string::npos ? "" : dir + "/") + "." + base_name(path) + ".tconv-XXXXXX";
    const mode_t mode = file_mode();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        const int err = errno;
        struct stat st{};
        if (::stat(dir.c_str(), &st) != 0)
            throw IoError(path, "cannot create file: directory '" + dir + "' does not exist or cannot be reached");
        if (!S_ISDIR(st.st_mode)) throw IoError(path, "cannot create file: '" + dir + "' is not a directory");
        throw IoError(path, std::string("cannot create file (") + std::strerror(err) + ")");
    }
    TempGuard guard(temp);
    int err = ::fchmod(fd, mode) != 0 ? errno : 0;
    if (!err) err = write_all(fd, bytes);
    if (::close(fd) != 0 && !err) err = errno;
    if (!err && ::rename(temp.c_str(), path.c_str()) != 0) err = errno;
    if (err) {
        ::unlink(temp.c_str());
        if (err == EISDIR) throw IoError(path, "output path is a directory");
        throw IoError(path, std::string("cannot write file (") + std::strerror(err) + ")");
    }
}

void remove_temp_files_on_signal() {
    struct sigaction sa{};
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

}  // namespace tconv::io
