// Encoded bytes read on demand, from a file, standard input or memory: decoders read a header,
// check it against the caps, and only then read the rest, so a huge file is never read whole.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tconv::io {

/// A forward-only stream of encoded bytes with a cap on how many may be read.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Fills `out` as far as the bytes go; returns how many were written (fewer only at the end).
    /// Throws IoError on a read error or when more than the cap would be read.
    virtual std::size_t read(std::span<std::uint8_t> out) = 0;
    /// The name used in errors ("-" for standard input).
    virtual const std::string& name() const = 0;
};

/// Bytes held in memory (tests, fuzzing); the cap is the span's size.
class MemorySource final : public ByteSource {
public:
    MemorySource(std::span<const std::uint8_t> bytes, std::string name) : bytes_(bytes), name_(std::move(name)) {}
    std::size_t read(std::span<std::uint8_t> out) override;
    const std::string& name() const override { return name_; }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t at_ = 0;
    std::string name_;
};

/// A file ("-" is standard input) read through its descriptor as the decoder asks. Throws IoError
/// when it cannot be opened, is a directory, or is a regular file over `max_bytes`.
class FileSource final : public ByteSource {
public:
    FileSource(const std::string& path, std::uint64_t max_bytes);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    std::size_t read(std::span<std::uint8_t> out) override;
    const std::string& name() const override { return path_; }

private:
    std::string path_;
    int fd_ = -1;
    bool own_fd_ = false;
    std::uint64_t max_bytes_;
    std::uint64_t done_ = 0;
};

/// Up to `n` bytes from `source` (fewer at its end).
std::vector<std::uint8_t> read_up_to(ByteSource& source, std::size_t n);

/// Appends everything left in `source` to `bytes`.
void read_rest(ByteSource& source, std::vector<std::uint8_t>& bytes);

}  // namespace tconv::io
