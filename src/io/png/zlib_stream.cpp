// A zlib stream deflated in segments by ISA-L on several threads, joined with a combined Adler-32.
#include "io/png/zlib_stream.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include <isa-l/igzip_lib.h>

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

constexpr std::uint64_t adler_modulus = 65521;

std::uint32_t level_buffer_bytes(int isal_level) {
    switch (isal_level) {
        case 1: return ISAL_DEF_LVL1_DEFAULT;
        case 2: return ISAL_DEF_LVL2_DEFAULT;
        default: return ISAL_DEF_LVL3_DEFAULT;
    }
}

}  // namespace

std::uint32_t adler32_combine(std::uint32_t adler_a, std::uint32_t adler_b, std::uint64_t length_b) {
    // Each Adler-32 is (s2 << 16) | s1. After A, each of B's running s1 values grows by s1_a - 1.
    const std::uint64_t s1_a = adler_a & 0xffff, s2_a = adler_a >> 16;
    const std::uint64_t s1_b = adler_b & 0xffff, s2_b = adler_b >> 16;
    const std::uint64_t s1 = (s1_a + s1_b + adler_modulus - 1) % adler_modulus;
    const std::uint64_t s2 =
        (s2_a + s2_b + (length_b % adler_modulus) * ((s1_a + adler_modulus - 1) % adler_modulus)) % adler_modulus;
    return static_cast<std::uint32_t>(s2 << 16 | s1);
}

SegmentDeflater::SegmentDeflater(int isal_level, isal_zstream* stream_storage)
    : owned_stream_(stream_storage ? nullptr : std::make_unique<isal_zstream>()),
      stream_(stream_storage ? stream_storage : owned_stream_.get()),
      level_buffer_(std::make_unique<std::uint8_t[]>(level_buffer_bytes(isal_level))) {
    isal_deflate_init(stream_);
    stream_->level = static_cast<std::uint32_t>(isal_level);
    stream_->level_buf = level_buffer_.get();
    stream_->level_buf_size = level_buffer_bytes(isal_level);
    stream_->gzip_flag = IGZIP_DEFLATE;  // raw deflate: the zlib header and checksum are join_zlib_segments'
}

SegmentDeflater::~SegmentDeflater() = default;

void SegmentDeflater::add(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    const bool starts_segment = segment_.input_bytes == 0;
    segment_.adler32 = isal_adler32(segment_.adler32, data, size);
    segment_.input_bytes += size;
    if (starts_segment) {
        // ISA-L's level 1-2 body, on the first bytes of a stream, files input position 2 under a hash
        // of the stream state's address (a register it did not reload), so the matches it finds later,
        // and the bytes, would follow the heap. Its finish path starts a stream correctly: the first byte
        // alone, sync-flushed, goes that way and leaves match history behind, so the body never takes
        // its first-bytes path. It costs a few bytes a segment.
        stream_->next_in = const_cast<std::uint8_t*>(data);
        stream_->avail_in = 1;
        stream_->flush = SYNC_FLUSH;
        deflate(true);
        stream_->flush = NO_FLUSH;
        ++data;
        --size;
    }
    constexpr std::size_t max_step = std::size_t{1} << 30;  // avail_in is 32 bits
    for (std::size_t at = 0; at < size; at += max_step) {
        // isal_deflate only reads the input; its field is not const.
        stream_->next_in = const_cast<std::uint8_t*>(data + at);
        stream_->avail_in = static_cast<std::uint32_t>(std::min(max_step, size - at));
        deflate(false);
    }
}

DeflateSegment SegmentDeflater::finish(bool last) {
    stream_->next_in = nullptr;
    stream_->avail_in = 0;
    stream_->end_of_stream = last ? 1 : 0;
    stream_->flush = last ? NO_FLUSH : SYNC_FLUSH;
    deflate(true);
    segment_.bytes.resize(used_);
    DeflateSegment done = std::move(segment_);
    segment_ = {};
    used_ = 0;
    isal_deflate_reset(stream_);  // keeps the level and its buffer
    stream_->end_of_stream = 0;
    stream_->flush = NO_FLUSH;
    return done;
}

void SegmentDeflater::deflate(bool ending) {
    constexpr std::size_t min_room = std::size_t{16} << 10;
    core::PixelBytes& out = segment_.bytes;
    for (;;) {
        if (out.size() - used_ < min_room) out.resize(std::max(2 * out.size(), 4 * min_room));
        stream_->next_out = out.data() + used_;
        stream_->avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(out.size() - used_, UINT32_MAX));
        const std::uint32_t avail_in_before = stream_->avail_in;
        const auto state_before = stream_->internal_state.state;
        const int status = isal_deflate(stream_);
        const auto written = static_cast<std::size_t>(stream_->next_out - (out.data() + used_));
        used_ += written;
        if (status != COMP_OK) throw IoError("", "PNG compression failed (ISA-L error " + std::to_string(status) + ")");
        // The documented ends: all input taken with room left over is flushed; the final block is
        // complete when the state reaches ZSTATE_END.
        const bool flushed = stream_->avail_in == 0 && stream_->avail_out > 0;
        if (flushed && (!ending || !stream_->end_of_stream || stream_->internal_state.state == ZSTATE_END)) return;
        if (written == 0 && stream_->avail_in == avail_in_before && stream_->internal_state.state == state_before)
            throw IoError("", "PNG compression failed (ISA-L made no progress)");
    }
}

std::array<std::uint8_t, 2> zlib_header(int isal_level) {
    // CMF 0x78: deflate with a 32 KiB window; FLG: the "fastest" or "fast" level hint, plus its check bits.
    return {0x78, static_cast<std::uint8_t>(isal_level <= 1 ? 0x01 : 0x5e)};
}

std::array<std::uint8_t, 4> zlib_trailer(std::uint32_t adler32) {
    return {static_cast<std::uint8_t>(adler32 >> 24), static_cast<std::uint8_t>(adler32 >> 16),
            static_cast<std::uint8_t>(adler32 >> 8), static_cast<std::uint8_t>(adler32)};
}

core::PixelBytes join_zlib_segments(std::vector<DeflateSegment> segments, int isal_level) {
    core::PixelBytes zlib;
    const auto append = [&](std::span<const std::uint8_t> bytes) { zlib.insert(zlib.end(), bytes.begin(), bytes.end()); };
    append(zlib_header(isal_level));
    std::uint32_t adler = 1;  // the Adler-32 of no bytes
    for (const DeflateSegment& s : segments) {
        adler = adler32_combine(adler, s.adler32, s.input_bytes);
        append(s.bytes);
    }
    append(zlib_trailer(adler));
    return zlib;
}

}  // namespace tconv::io
