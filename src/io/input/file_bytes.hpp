// Reading whole files (or stdin) into memory, with a size cap, and checked writes to descriptors.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tconv::io {

/// Reads all of `path` ("-" reads standard input). Throws IoError when it cannot be opened or read,
/// is a directory, or is larger than max_bytes.
std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::uint64_t max_bytes);

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR. Returns errno on failure, 0 on success.
int write_all(int fd, std::span<const std::uint8_t> bytes);

}  // namespace tconv::io
