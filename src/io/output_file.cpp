// Outputs published by what their path is: whole files through an unnamed file that takes the
// name at the end, streams written in place.
#include "io/output_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "io/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/output_target.hpp"
#include "io/temp_names.hpp"

namespace tconv::io {
namespace {

/// Closes a descriptor on every path out.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    /// Closes now, returning errno when close reports a failed write-back, else 0.
    int close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0 ? 0 : errno;
    }

private:
    int fd_;
};

struct Place {
    std::string dir;   ///< "." or the directory part of the target, for openat-free calls
    std::string base;  ///< the file name
    std::string path_in_dir(const std::string& name) const { return dir == "." ? name : dir + "/" + name; }
};

Place place_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

IoError creation_error(const std::string& dir, const std::string& target, int err) {
    if (err == EINTR) return IoError(target, "interrupted");
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0)
        return IoError(target, "cannot create file: directory '" + dir + "' does not exist or cannot be reached");
    if (!S_ISDIR(st.st_mode)) return IoError(target, "cannot create file: '" + dir + "' is not a directory");
    return IoError(target, std::string("cannot create file (") + std::strerror(err) + ")");
}

IoError write_error(const std::string& target, int err) {
    if (err == EISDIR) return IoError(target, "output path is a directory");
    return IoError(target, std::string("cannot write file (") + std::strerror(err) + ")");
}

/// Writes every piece in order; returns errno of the first failure, else 0.
int write_pieces(int fd, BytePieces pieces) {
    for (const std::span<const std::uint8_t> piece : pieces)
        if (const int err = write_all(fd, piece)) return err;
    return 0;
}

/// Writes the bytes and gives the file the replaced file's mode and owner, then syncs it.
int fill(int fd, BytePieces bytes, const OutputTarget& target, const WriteOptions& options) {
    if (const int err = write_pieces(fd, bytes)) return err;
    if (target.kind == OutputKind::ReplaceFile) {
        // Only a privileged process may give a file away; anyone else keeps their own ownership, as cp does.
        if (::fchown(fd, target.owner, target.group) != 0 && errno != EPERM) return errno;
        if (::fchmod(fd, target.mode) != 0) return errno;  // after fchown, which may clear set-id bits
    }
    if (options.sync && ::fsync(fd) != 0) return errno;
    return 0;
}

void sync_directory(const std::string& dir, const WriteOptions& options) {
    if (!options.sync) return;
    // The file is complete under its name already; a directory that cannot be synced (some file
    // systems refuse) costs only the guarantee that the name survives a crash.
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// Gives the unnamed file `fd` the name `name`, or returns errno (ENOENT when it cannot be named).
int link_unnamed(int fd, const std::string& name) {
    // AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; /proc/self/fd works for anyone where /proc is mounted.
    if (::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0) return 0;
    if (errno == EEXIST) return EEXIST;
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    return ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
}

/// Renames the named temp file over the target, removing it on failure.
int rename_into_place(TempName& temp, const std::string& temp_path, const std::string& target) {
    if (::rename(temp_path.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp_path.c_str());
        temp.forget();
        return err;
    }
    temp.forget();
    return 0;
}

/// The unnamed-file route. Returns false when the file system has no O_TMPFILE or the file cannot
/// be named, so that the caller takes the named-temp route; throws on any other failure.
bool publish_unnamed(const OutputTarget& target, BytePieces bytes, const WriteOptions& options, const std::string& path) {
    const Place place = place_of(target.path);
    Fd fd(::open(place.dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666));
    if (fd.get() < 0) {
        if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) return false;
        throw creation_error(place.dir, path, errno);
    }
    if (const int err = fill(fd.get(), bytes, target, options)) throw write_error(path, err);
    if (target.kind == OutputKind::NewFile) {
        const int err = link_unnamed(fd.get(), target.path);
        if (err == 0) {
            if (const int close_err = fd.close()) throw write_error(path, close_err);
            sync_directory(place.dir, options);
            return true;
        }
        if (err != EEXIST) {
            if (err == ENOENT) return false;
            throw creation_error(place.dir, path, err);
        }
        // Someone created the file meanwhile: replace it as any existing file.
    }
    TempName temp;
    const std::string temp_path = place.path_in_dir(temp_name_for(place.base));
    const int err = temp.create(temp_path, [&] { return link_unnamed(fd.get(), temp_path); });
    if (err == ENOENT) return false;
    if (err) throw creation_error(place.dir, path, err);
    if (const int close_err = fd.close()) {
        ::unlink(temp_path.c_str());
        throw write_error(path, close_err);
    }
    if (const int rename_err = rename_into_place(temp, temp_path, target.path)) throw write_error(path, rename_err);
    sync_directory(place.dir, options);
    return true;
}

/// The named-temp route, for file systems without unnamed files.
void publish_named(const OutputTarget& target, BytePieces bytes, const WriteOptions& options, const std::string& path) {
    const Place place = place_of(target.path);
    TempName temp;
    const std::string temp_path = place.path_in_dir(temp_name_for(place.base));
    int raw_fd = -1;
    const int err = temp.create(temp_path, [&] {
        raw_fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        return raw_fd >= 0 ? 0 : errno;
    });
    if (err) throw creation_error(place.dir, path, err);
    Fd fd(raw_fd);
    int write_err = fill(fd.get(), bytes, target, options);
    if (const int close_err = fd.close(); !write_err) write_err = close_err;
    if (write_err) {
        ::unlink(temp_path.c_str());
        throw write_error(path, write_err);
    }
    if (const int rename_err = rename_into_place(temp, temp_path, target.path)) throw write_error(path, rename_err);
    sync_directory(place.dir, options);
}

int open_socket(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        const int err = errno;
        ::close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

void write_in_place(const OutputTarget& target, BytePieces bytes, const std::string& path) {
    Fd fd(target.socket ? open_socket(target.path) : ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) throw IoError(path, std::string("cannot open for writing (") + std::strerror(errno) + ")");
    int err = write_pieces(fd.get(), bytes);
    if (const int close_err = fd.close(); !err) err = close_err;
    if (err) throw write_error(path, err);
}

}  // namespace

void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes, const WriteOptions& options) {
    const std::array<std::span<const std::uint8_t>, 1> one{bytes};
    write_file_atomically(path, BytePieces(one), options);
}

void write_file_atomically(const std::string& path, BytePieces bytes, const WriteOptions& options) {
    const OutputTarget target = resolve_output_target(path);
    switch (target.kind) {
        case OutputKind::Stdout:
            if (const int err = write_pieces(STDOUT_FILENO, bytes)) throw IoError("-", std::strerror(err));
            return;
        case OutputKind::Stream: write_in_place(target, bytes, path); return;
        case OutputKind::NewFile:
        case OutputKind::ReplaceFile:
            if (!publish_unnamed(target, bytes, options, path)) publish_named(target, bytes, options, path);
            return;
    }
}

}  // namespace tconv::io
