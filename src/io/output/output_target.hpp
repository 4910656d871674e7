// What an output path is at the moment of writing, decided once: the kind of file behind it (after
// following symlinks) says how the bytes must land there.
#pragma once
#include <string>
#include <sys/types.h>

namespace tconv::io {

enum class OutputKind {
    Stdout,       ///< "-": standard output
    NewFile,      ///< nothing there yet: created whole, all at once
    ReplaceFile,  ///< a regular file: replaced whole, all at once, keeping its mode and owner
    Stream,       ///< a character device, FIFO or socket: written in place, in order (/dev/null, a pipe)
};

struct OutputTarget {
    OutputKind kind = OutputKind::NewFile;
    std::string path;     ///< where the bytes go: the final target of any symlinks, as a path usable from here
    bool socket = false;  ///< with Stream: a Unix socket, connected to rather than opened
    mode_t mode = 0;      ///< with ReplaceFile: the permission bits to keep
    uid_t owner = 0;      ///< with ReplaceFile
    gid_t group = 0;      ///< with ReplaceFile
};

/// Classifies `path`, following symlinks to their final target (a dangling link names the file to
/// create). Throws IoError naming `path` for a directory, a block device, a symlink loop, or a
/// path that cannot be examined.
OutputTarget resolve_output_target(const std::string& path);

}  // namespace tconv::io
