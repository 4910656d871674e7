// ByteSource over memory and over a file descriptor, with the size cap checked as bytes arrive.
#include "io/input/byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io_error.hpp"

namespace tconv::io {

std::size_t MemorySource::read(std::span<std::uint8_t> out) {
    const std::size_t n = std::min(out.size(), bytes_.size() - at_);
    std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(at_), n, out.begin());
    at_ += n;
    return n;
}

FileSource::FileSource(const std::string& path, std::uint64_t max_bytes) : path_(path), max_bytes_(max_bytes) {
    const bool is_stdin = path == "-";
    fd_ = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError(path, std::strerror(errno));
    own_fd_ = !is_stdin;
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || S_ISDIR(st.st_mode)) {
        const std::string reason = S_ISDIR(st.st_mode) ? "is a directory" : std::strerror(errno);
        if (own_fd_) ::close(fd_);
        throw IoError(path, reason);
    }
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        if (own_fd_) ::close(fd_);
        throw IoError(path, "file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
}

FileSource::~FileSource() {
    if (own_fd_) ::close(fd_);
}

std::size_t FileSource::read(std::span<std::uint8_t> out) {
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::read(fd_, out.data() + got, out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError(path_, std::strerror(errno));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
        done_ += static_cast<std::uint64_t>(n);
        if (done_ > max_bytes_)
            throw IoError(path_, "input is larger than the limit of " + std::to_string(max_bytes_) + " bytes");
    }
    return got;
}

std::vector<std::uint8_t> read_up_to(ByteSource& source, std::size_t n) {
    std::vector<std::uint8_t> bytes(n);
    bytes.resize(source.read(bytes));
    return bytes;
}

void read_rest(ByteSource& source, std::vector<std::uint8_t>& bytes) {
    constexpr std::size_t chunk = 1 << 16;
    while (true) {
        const std::size_t old = bytes.size();
        bytes.resize(old + chunk);
        const std::size_t n = source.read(std::span(bytes).subspan(old));
        bytes.resize(old + n);
        if (n < chunk) return;
    }
}

}  // namespace tconv::io
