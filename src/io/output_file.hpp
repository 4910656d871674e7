// Publishing an output file all at once: temp file in the target directory, checked writes, rename.
#pragma once
#include <cstdint>
#include <span>
#include <string>

namespace tconv::io {

/// Writes `bytes` to `path` so that `path` is either untouched or complete: the bytes go to a temp
/// file beside it (".NAME.tconv-PID-N"), every write is checked, and the temp file is renamed over
/// `path`. "-" writes to standard output instead. On failure the temp file is removed and IoError
/// names `path` and the reason. Permissions are 0666 less the process umask, as for any new file.
void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes);

/// Installs SIGINT/SIGTERM/SIGHUP handlers that remove every temp file still being written, then
/// let the signal end the process as usual (exit status 128 + signal). Signals that are ignored at
/// start-up (nohup, background jobs of scripts) stay ignored. Call once, at start-up.
void remove_temp_files_on_signal();

}  // namespace tconv::io
