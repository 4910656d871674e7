// A zlib stream (RFC 1950) deflated in segments, on several threads at once, by ISA-L (igzip): a segment
// ends byte-aligned without the final-block bit (a sync flush), except the last, so the segments
// concatenate into one deflate stream, and their Adler-32s combine into the stream's checksum.
// libdeflate cannot end a stream without the final bit, hence ISA-L.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/image/pixel_allocator.hpp"

struct isal_zstream;

namespace tconv::io {

/// The Adler-32 of A followed by B, from adler32(A), adler32(B) and B's length in bytes (zlib's
/// adler32_combine). With s1 = 1 + the bytes' sum and s2 = the sum of s1 after each byte, mod 65521:
/// s1 = s1_A + s1_B - 1 and s2 = s2_A + s2_B + length_B * (s1_A - 1).
std::uint32_t adler32_combine(std::uint32_t adler_a, std::uint32_t adler_b, std::uint64_t length_b);

/// One segment of a zlib stream: raw deflate bytes, and the Adler-32 and count of the bytes they hold.
struct DeflateSegment {
    core::PixelBytes bytes;
    std::uint32_t adler32 = 1;  ///< of no bytes
    std::uint64_t input_bytes = 0;
};

/// Deflates consecutive segments with ISA-L, one after another on one thread, reusing one stream. Each
/// segment's first byte is deflated alone and sync-flushed, so that the bytes depend on the input alone
/// (add says why).
class SegmentDeflater {
public:
    /// `isal_level` 1..3 (ISA-L's levels). The stream state lives in `stream_storage` when given (the
    /// caller keeps it alive; tests place it at chosen addresses), else in an allocation of its own.
    /// Throws std::bad_alloc.
    explicit SegmentDeflater(int isal_level, isal_zstream* stream_storage = nullptr);
    SegmentDeflater(const SegmentDeflater&) = delete;
    SegmentDeflater& operator=(const SegmentDeflater&) = delete;
    ~SegmentDeflater();

    /// Compresses the next `size` bytes of the current segment; `data` may be reused once this
    /// returns. Throws IoError (empty file name) if ISA-L fails, std::bad_alloc if the output cannot grow.
    void add(const std::uint8_t* data, std::size_t size);

    /// Ends the current segment and returns it; the next add starts a new one. With `last` the segment
    /// ends in the stream's final block; otherwise byte-aligned with no final bit (a sync flush), so
    /// that the next segment's bytes can follow it. Throws as add.
    DeflateSegment finish(bool last);

private:
    /// Runs isal_deflate until the pending input is consumed and, when `ending`, flushed.
    void deflate(bool ending);

    std::unique_ptr<isal_zstream> owned_stream_;
    isal_zstream* stream_;
    std::unique_ptr<std::uint8_t[]> level_buffer_;
    DeflateSegment segment_;
    std::size_t used_ = 0;  ///< bytes of segment_.bytes written so far
};

/// The 2-byte zlib header of a stream deflated at ISA-L level `isal_level`.
std::array<std::uint8_t, 2> zlib_header(int isal_level);

/// The zlib stream's last 4 bytes: the Adler-32 of all its input, big-endian.
std::array<std::uint8_t, 4> zlib_trailer(std::uint32_t adler32);

/// The zlib stream of `segments` (finished, in order, the last with `last` set) deflated at ISA-L
/// level `isal_level`, in one buffer: header, the segments' bytes, trailer.
core::PixelBytes join_zlib_segments(std::vector<DeflateSegment> segments, int isal_level);

}  // namespace tconv::io
