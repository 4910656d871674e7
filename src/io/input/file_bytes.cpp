// Whole-file reads and checked writes on raw descriptors (no stdio buffering to hide errors).
#include "io/input/file_bytes.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io_error.hpp"

namespace tconv::io {

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::uint64_t max_bytes) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError(path, std::strerror(errno));
    struct FdCloser {
        int fd;
        bool own;
        ~FdCloser() {
            if (own) ::close(fd);
        }
    } closer{fd, !is_stdin};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw IoError(path, std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw IoError(path, "is a directory");
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes)
        throw IoError(path, "file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
    std::vector<std::uint8_t> bytes;
    if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size));
    std::uint8_t chunk[65536];
    while (true) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError(path, std::strerror(errno));
        }
        if (n == 0) break;
        if (bytes.size() + static_cast<std::size_t>(n) > max_bytes)
            throw IoError(path, "input is larger than the limit of " + std::to_string(max_bytes) + " bytes");
        bytes.insert(bytes.end(), chunk, chunk + n);
    }
    return bytes;
}

int write_all(int fd, std::span<const std::uint8_t> bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

}  // namespace tconv::io
