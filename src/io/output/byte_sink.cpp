// MemorySink: small writes gather in the last piece; a buffer handed over becomes a piece itself.
#include "io/output/byte_sink.hpp"

#include <algorithm>
#include <cstring>

namespace tconv::io {
namespace {

/// A piece that small writes are appended to grows to this before a new one starts, so that
/// appending never copies more than one piece's bytes.
constexpr std::size_t gathered_piece_bytes = std::size_t{1} << 16;

}  // namespace

void MemorySink::write(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return;
    if (pieces_.empty() || pieces_.back().capacity() - pieces_.back().size() < bytes.size()) {
        pieces_.emplace_back();
        pieces_.back().reserve(std::max(bytes.size(), gathered_piece_bytes));
    }
    pieces_.back().insert(pieces_.back().end(), bytes.begin(), bytes.end());
    written_ += bytes.size();
}

void MemorySink::write(core::PixelBytes&& bytes) {
    if (bytes.empty()) return;
    written_ += bytes.size();
    pieces_.push_back(std::move(bytes));
    // Later small writes start a piece of their own rather than grow (and copy) this one.
    pieces_.emplace_back();
}

void MemorySink::overwrite(std::uint64_t offset, std::span<const std::uint8_t> bytes) {
    std::uint64_t start = written_;
    for (auto piece = pieces_.rbegin(); piece != pieces_.rend() && !bytes.empty(); ++piece) {
        start -= piece->size();
        const std::uint64_t end = start + piece->size();
        if (offset + bytes.size() <= start || offset >= end) continue;
        // The part of `bytes` that falls in this piece.
        const std::uint64_t from = std::max(offset, start), to = std::min<std::uint64_t>(offset + bytes.size(), end);
        std::memcpy(piece->data() + (from - start), bytes.data() + (from - offset), static_cast<std::size_t>(to - from));
    }
}

std::vector<std::span<const std::uint8_t>> MemorySink::spans() const {
    std::vector<std::span<const std::uint8_t>> all;
    for (const core::PixelBytes& piece : pieces_)
        if (!piece.empty()) all.emplace_back(piece);
    return all;
}

std::vector<std::uint8_t> MemorySink::joined() const {
    std::vector<std::uint8_t> all;
    all.reserve(static_cast<std::size_t>(written_));
    for (const core::PixelBytes& piece : pieces_) all.insert(all.end(), piece.begin(), piece.end());
    return all;
}

}  // namespace tconv::io
