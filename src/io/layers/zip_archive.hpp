// A zip archive in memory through libzip: its entries read with a size cap, and new archives written.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

struct zip;  // libzip's archive

namespace tconv::io {

/// A zip archive read from `bytes` (which must outlive it). Throws IoError(name, reason) for bytes
/// that are not a zip archive.
class ZipArchive {
public:
    ZipArchive(std::span<const std::uint8_t> bytes, std::string name);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    bool has(const std::string& entry) const;

    /// The entry's bytes, decompressed in pieces so that memory follows what the data really holds.
    /// Throws IoError naming the entry when it is missing, larger than `limit` (declared or real),
    /// encrypted, or its data is damaged.
    std::vector<std::uint8_t> read(const std::string& entry, std::uint64_t limit) const;

private:
    std::string name_;
    ::zip* archive_ = nullptr;
};

/// A zip archive of `entries` (name, bytes) in that order, stored uncompressed as Python's zipfile
/// writes by default. Throws IoError("", reason) if libzip fails.
std::vector<std::uint8_t> write_zip(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries);

}  // namespace tconv::io
