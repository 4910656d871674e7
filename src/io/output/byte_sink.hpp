// Where an encoder's bytes go, in order: a file being written or memory. An encoder that learns a
// length only after the bytes it counts (a PNG chunk streamed as it is compressed) writes a
// placeholder and overwrites it later, so the file can go out as it is made.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/image/pixel_allocator.hpp"

namespace tconv::io {

class ByteSink {
public:
    virtual ~ByteSink() = default;
    /// Appends `bytes`. Throws IoError (with the sink's file, or an empty name in memory) or std::bad_alloc.
    virtual void write(std::span<const std::uint8_t> bytes) = 0;
    /// Appends a buffer the sink may keep instead of copying.
    virtual void write(core::PixelBytes&& bytes) { write(std::span<const std::uint8_t>(bytes)); }
    /// Replaces bytes written before: offset + bytes.size() <= written().
    virtual void overwrite(std::uint64_t offset, std::span<const std::uint8_t> bytes) = 0;
    /// The bytes written so far.
    std::uint64_t written() const { return written_; }

protected:
    std::uint64_t written_ = 0;
};

/// The bytes held in memory, in the pieces they came in (large buffers are kept, not copied).
class MemorySink final : public ByteSink {
public:
    void write(std::span<const std::uint8_t> bytes) override;
    void write(core::PixelBytes&& bytes) override;
    void overwrite(std::uint64_t offset, std::span<const std::uint8_t> bytes) override;
    /// Every piece in order.
    std::vector<std::span<const std::uint8_t>> spans() const;
    /// The whole in one buffer.
    std::vector<std::uint8_t> joined() const;

private:
    std::vector<core::PixelBytes> pieces_;
};

}  // namespace tconv::io
