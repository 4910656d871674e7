// Publishing an output: a file appears all at once or not at all; a device, FIFO or socket is
// written in place; a symlink is written through.
#pragma once
#include <cstdint>
#include <span>
#include <string>

namespace tconv::io {

struct WriteOptions {
    /// fsync the file before it gets its name, and its directory after: the output survives a
    /// crash of the machine once the call returns. Off: the kernel writes it back when it likes.
    bool sync = true;
};

/// Writes `bytes` to `path`, by what is there (symlinks followed to their final target):
/// - nothing, or a regular file: the bytes are written to an unnamed file in the target's directory
///   (O_TMPFILE; where the file system lacks it, a ".NAME.tconv-PID-N" temp file that a cleanup
///   signal removes) which then takes the name in one step, so that `path` is either untouched or
///   complete and a killed process leaves nothing behind. A replaced file keeps its permission bits
///   and, where the process may set them, its owner and group; a new one gets 0666 less the umask.
/// - a character device, FIFO or Unix socket (/dev/null, /dev/stdout, a pipe): written in place.
/// - "-": standard output.
/// Throws IoError naming `path` and the reason; a directory or block device is refused.
void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes, const WriteOptions& options = {});

/// A file's bytes held in several buffers, written one after another.
using BytePieces = std::span<const std::span<const std::uint8_t>>;

/// write_file_atomically of the concatenation of `pieces`, without joining them first.
void write_file_atomically(const std::string& path, BytePieces pieces, const WriteOptions& options = {});

}  // namespace tconv::io
