// Named temp files that a fatal signal must remove: a lock-free registry the signal handler reads.
#pragma once
#include <cstddef>
#include <functional>
#include <string>

namespace tconv::io {

/// A slot in the registry. While `path` is registered, SIGINT, SIGTERM, SIGHUP and SIGPIPE unlink it
/// before the process ends. Reserving waits for a free slot rather than create a name that an
/// interrupt could not remove.
class TempName {
public:
    TempName();
    ~TempName();  ///< forgets the name (does not unlink it)
    TempName(const TempName&) = delete;
    TempName& operator=(const TempName&) = delete;

    /// Registers `path`, then runs `create` (which makes the file and returns 0, or an errno) with
    /// the cleanup signals blocked, so that no file appears behind the handler's back. On failure the
    /// name is forgotten again. Returns EINTR without calling `create` once a fatal signal arrived.
    int create(const std::string& path, const std::function<int()>& create);

    /// Forgets the name (after it was renamed away or unlinked).
    void forget();

private:
    std::size_t slot_;
};

/// The name of a temp file beside `base` in the same directory: ".BASE.tconv-PID-N", with BASE
/// shortened so that the name stays within NAME_MAX however long `base` is.
std::string temp_name_for(const std::string& base);

/// Installs the cleanup handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE (each then ends the
/// process as usual, status 128 + signal), and ignores SIGXFSZ so that a write over the file-size
/// limit fails with EFBIG and is reported. Signals ignored at start-up (nohup, background jobs of
/// scripts) stay ignored. Call once, at start-up.
void prepare_output_signals();

}  // namespace tconv::io
