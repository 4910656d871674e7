// Output paths classified by what is behind them, symlinks followed as cp and ImageMagick do.
#include "io/output/output_target.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

// The kernel's own limit on links followed in one lookup (MAXSYMLINKS).
constexpr int max_links = 40;

std::string link_text(const std::string& link) {
    std::vector<char> buf(256);
    while (true) {
        const ssize_t n = ::readlink(link.c_str(), buf.data(), buf.size());
        if (n < 0) return {};
        if (static_cast<std::size_t>(n) < buf.size()) return std::string(buf.data(), static_cast<std::size_t>(n));
        buf.resize(buf.size() * 2);
    }
}

/// A link's text is relative to the link's own directory.
std::string link_destination(const std::string& link, const std::string& text) {
    if (text.empty() || text.front() == '/') return text;
    const auto slash = link.rfind('/');
    return slash == std::string::npos ? text : link.substr(0, slash + 1) + text;
}

}  // namespace

OutputTarget resolve_output_target(const std::string& path) {
    OutputTarget t;
    t.path = path;
    if (path == "-") {
        t.kind = OutputKind::Stdout;
        return t;
    }
    if (path.empty() || path.back() == '/') throw IoError(path, "output path names a directory");
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) throw IoError(path, "output path is a directory");
        if (S_ISBLK(st.st_mode)) throw IoError(path, "output path is a block device: refusing to write over it");
        // A character device, FIFO or socket is opened through the path as given: /dev/stdout's
        // links end in a "pipe:[N]" that only the kernel can follow.
        t.kind = OutputKind::Stream;
        t.socket = S_ISSOCK(st.st_mode);
        return t;
    }
    if (exists) {
        t.kind = OutputKind::ReplaceFile;
        t.mode = st.st_mode & 07777;
        t.owner = st.st_uid;
        t.group = st.st_gid;
    } else {
        t.kind = OutputKind::NewFile;  // or, as with ENOTDIR and EACCES, creating it will fail and say why
    }
    // The file that takes the new bytes is the links' final target, in its own directory.
    for (int links = 0;; ++links) {
        struct stat lst {};
        if (::lstat(t.path.c_str(), &lst) != 0 || !S_ISLNK(lst.st_mode)) return t;
        if (links == max_links) throw IoError(path, "too many levels of symbolic links");
        const std::string text = link_text(t.path);
        if (text.empty()) throw IoError(path, std::string("cannot read symbolic link (") + std::strerror(errno) + ")");
        t.path = link_destination(t.path, text);
    }
}

}  // namespace tconv::io
