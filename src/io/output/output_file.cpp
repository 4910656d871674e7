// Outputs published by what their path is: whole files through an unnamed file that takes the
// name at the end, streams written in place.
#include "io/output/output_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "io/input/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/output/output_target.hpp"
#include "io/output/temp_names.hpp"

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
    Fd& operator=(Fd&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
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

/// Writes `bytes` at `offset`, whatever the file's position; returns errno or 0.
int overwrite_all(int fd, std::uint64_t offset, std::span<const std::uint8_t> bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        bytes = bytes.subspan(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    return 0;
}

/// Copies the first `bytes` bytes of `from` (read with pread) to `to`; returns errno or 0.
int copy_file_bytes(int from, int to, std::uint64_t bytes) {
    std::vector<std::uint8_t> buffer(std::size_t{1} << 20);
    for (std::uint64_t at = 0; at < bytes;) {
        const ssize_t n =
            ::pread(from, buffer.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), bytes - at)),
                    static_cast<off_t>(at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        if (const int err = write_all(to, std::span(buffer.data(), static_cast<std::size_t>(n)))) return err;
        at += static_cast<std::uint64_t>(n);
    }
    return 0;
}

/// Gives the file the replaced file's mode and owner, then syncs it.
int finish_file(int fd, const OutputTarget& target, const WriteOptions& options) {
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

/// Opens an unnamed file in `dir`: the descriptor, -1 when the file system has none (the caller
/// takes a named temp file), or throws.
int open_unnamed(const std::string& dir, const std::string& path) {
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) return -1;
    throw creation_error(dir, path, errno);
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

/// The open output: for a file, its descriptor (unnamed, or a named temp file) and, for a stream,
/// the bytes held until commit().
struct OutputFile::State {
    std::string path;  ///< as the user gave it, for messages
    WriteOptions options;
    OutputTarget target;
    Place place;
    Fd fd{-1};
    bool unnamed = false;  ///< fd is an O_TMPFILE file, else a named temp file (when fd >= 0)
    TempName temp;         ///< the named temp file's registration, while it exists
    std::string temp_path;
    MemorySink held;  ///< a stream's bytes
    bool committed = false;

    bool is_file() const { return target.kind == OutputKind::NewFile || target.kind == OutputKind::ReplaceFile; }

    /// A named temp file beside the target, registered for the cleanup signals; its descriptor.
    int create_named_temp() {
        temp_path = place.path_in_dir(temp_name_for(place.base));
        int raw_fd = -1;
        const int err = temp.create(temp_path, [&] {
            raw_fd = ::open(temp_path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
            return raw_fd >= 0 ? 0 : errno;
        });
        if (err) {
            temp_path.clear();
            throw creation_error(place.dir, path, err);
        }
        return raw_fd;
    }

    void remove_named_temp() {
        if (temp_path.empty()) return;
        ::unlink(temp_path.c_str());
        temp.forget();
        temp_path.clear();
    }

    /// Renames the named temp file over the target.
    void rename_into_place() {
        if (::rename(temp_path.c_str(), target.path.c_str()) != 0) {
            const int err = errno;
            remove_named_temp();
            throw write_error(path, err);
        }
        temp.forget();
        temp_path.clear();
        sync_directory(place.dir, options);
    }

    /// The unnamed file could not be named (no /proc, no privilege): its bytes go to a named temp
    /// file instead, which takes the name.
    void publish_by_copy(std::uint64_t bytes) {
        Fd copy(create_named_temp());
        int err = copy_file_bytes(fd.get(), copy.get(), bytes);
        if (!err) err = finish_file(copy.get(), target, options);
        if (const int close_err = copy.close(); !err) err = close_err;
        if (err) {
            remove_named_temp();
            throw write_error(path, err);
        }
        rename_into_place();
    }

    void publish_unnamed(std::uint64_t bytes) {
        if (target.kind == OutputKind::NewFile) {
            const int err = link_unnamed(fd.get(), target.path);
            if (err == 0) {
                if (const int close_err = fd.close()) throw write_error(path, close_err);
                sync_directory(place.dir, options);
                return;
            }
            if (err == ENOENT) return publish_by_copy(bytes);
            if (err != EEXIST) throw creation_error(place.dir, path, err);
            // Someone created the file meanwhile: replace it as any existing file.
        }
        temp_path = place.path_in_dir(temp_name_for(place.base));
        const int err = temp.create(temp_path, [&] { return link_unnamed(fd.get(), temp_path); });
        if (err) {
            temp_path.clear();
            if (err == ENOENT) return publish_by_copy(bytes);
            throw creation_error(place.dir, path, err);
        }
        if (const int close_err = fd.close()) {
            remove_named_temp();
            throw write_error(path, close_err);
        }
        rename_into_place();
    }
};

OutputFile::OutputFile(const std::string& path, const WriteOptions& options) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.path = path;
    s.options = options;
    s.target = resolve_output_target(path);
    if (!s.is_file()) return;
    s.place = place_of(s.target.path);
    const int unnamed = open_unnamed(s.place.dir, path);
    s.unnamed = unnamed >= 0;
    s.fd = Fd(s.unnamed ? unnamed : s.create_named_temp());
}

OutputFile::~OutputFile() {
    if (!state_->committed) state_->remove_named_temp();  // an unnamed file vanishes with its descriptor
}

bool OutputFile::streams() const { return state_->is_file(); }

void OutputFile::write(std::span<const std::uint8_t> bytes) {
    State& s = *state_;
    if (!s.is_file()) {
        s.held.write(bytes);
    } else if (const int err = write_all(s.fd.get(), bytes)) {
        throw write_error(s.path, err);
    }
    written_ += bytes.size();
}

void OutputFile::write(core::PixelBytes&& bytes) {
    State& s = *state_;
    if (s.is_file()) return write(std::span<const std::uint8_t>(bytes));
    written_ += bytes.size();
    s.held.write(std::move(bytes));
}

void OutputFile::overwrite(std::uint64_t offset, std::span<const std::uint8_t> bytes) {
    State& s = *state_;
    if (!s.is_file()) return s.held.overwrite(offset, bytes);
    if (const int err = overwrite_all(s.fd.get(), offset, bytes)) throw write_error(s.path, err);
}

void OutputFile::commit() {
    State& s = *state_;
    switch (s.target.kind) {
        case OutputKind::Stdout: {
            const auto pieces = s.held.spans();
            if (const int err = write_pieces(STDOUT_FILENO, pieces)) throw IoError("-", std::strerror(err));
            break;
        }
        case OutputKind::Stream: write_in_place(s.target, s.held.spans(), s.path); break;
        case OutputKind::NewFile:
        case OutputKind::ReplaceFile:
            if (const int err = finish_file(s.fd.get(), s.target, s.options)) throw write_error(s.path, err);
            if (s.unnamed) {
                s.publish_unnamed(written_);
            } else {
                if (const int err = s.fd.close()) throw write_error(s.path, err);
                s.rename_into_place();
            }
            break;
    }
    s.committed = true;
}

void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes, const WriteOptions& options) {
    const std::array<std::span<const std::uint8_t>, 1> one{bytes};
    write_file_atomically(path, BytePieces(one), options);
}

void write_file_atomically(const std::string& path, BytePieces bytes, const WriteOptions& options) {
    OutputFile file(path, options);
    for (const std::span<const std::uint8_t> piece : bytes) file.write(piece);
    file.commit();
}

}  // namespace tconv::io
