// Publishing an output: a file appears all at once or not at all, however long it takes to write;
// a device, FIFO or socket is written in place; a symlink is written through.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "io/output/byte_sink.hpp"

namespace tconv::io {

struct WriteOptions {
    /// fsync the file before it gets its name, and its directory after: the output survives a
    /// crash of the machine once the call returns. Off: the kernel writes it back when it likes.
    bool sync = true;
};

/// An output being written. What `path` is (symlinks followed to their final target) decides how:
/// - nothing, or a regular file: the bytes go, as they come, to an unnamed file in the target's
///   directory (O_TMPFILE; where the file system lacks it, a ".NAME.tconv-PID-N" temp file that a
///   cleanup signal removes), which takes the name in one step at commit(), so that `path` is either
///   untouched or complete and a failed or killed run leaves nothing behind. A replaced file keeps its
///   permission bits and, where the process may set them, its owner and group; a new one gets 0666
///   less the umask.
/// - a character device, FIFO or Unix socket (/dev/null, /dev/stdout, a pipe), or "-" (standard
///   output): the bytes are held in memory and written in place at commit(), so that a failure
///   before it writes nothing there either.
/// Every call throws IoError naming `path` and the reason; a directory or block device is refused
/// when the file is opened.
class OutputFile final : public ByteSink {
public:
    OutputFile(const std::string& path, const WriteOptions& options = {});
    ~OutputFile() override;  ///< without commit(): removes what was written
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::span<const std::uint8_t> bytes) override;
    void write(core::PixelBytes&& bytes) override;
    void overwrite(std::uint64_t offset, std::span<const std::uint8_t> bytes) override;
    /// Publishes the bytes under the name (or writes them to the stream). At most once.
    void commit();
    /// True when bytes reach the file system as they are written (a regular file); false when they
    /// are held in memory until commit().
    bool streams() const;

    struct State;

private:
    std::unique_ptr<State> state_;
};

/// Writes `bytes` to `path` as one OutputFile.
void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes, const WriteOptions& options = {});

/// A file's bytes held in several buffers, written one after another.
using BytePieces = std::span<const std::span<const std::uint8_t>>;

/// write_file_atomically of the concatenation of `pieces`, without joining them first.
void write_file_atomically(const std::string& path, BytePieces pieces, const WriteOptions& options = {});

}  // namespace tconv::io
