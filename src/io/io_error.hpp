// IoError: a file that cannot be read, decoded or written, with the file and a printable reason.
#pragma once
#include <stdexcept>
#include <string>

namespace tconv::io {

/// what() is "<reason>"; file() names the file ("-" for stdin/stdout). The CLI prints
/// "tconv: error: <file>: <reason>".
class IoError : public std::runtime_error {
public:
    IoError(std::string file, const std::string& reason) : std::runtime_error(reason), file_(std::move(file)) {}
    const std::string& file() const { return file_; }

private:
    std::string file_;
};

}  // namespace tconv::io
