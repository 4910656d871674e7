// The segmented zlib stream: adler32_combine against Adler-32 from its definition, and segments deflated
// one after another join into a stream that libdeflate (which checks the Adler-32) inflates to the input.
#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <isa-l/igzip_lib.h>
#include <sys/mman.h>

#include "io/inflate_checked.hpp"
#include "io/png/zlib_stream.hpp"

namespace {

using namespace tconv;

/// Adler-32 straight from its definition (RFC 1950).
std::uint32_t adler32_of(std::span<const std::uint8_t> bytes) {
    std::uint32_t s1 = 1, s2 = 0;
    for (const std::uint8_t b : bytes) {
        s1 = (s1 + b) % 65521;
        s2 = (s2 + s1) % 65521;
    }
    return s2 << 16 | s1;
}

/// Deflates `input` at `isal_level` in segments ending at `ends` (ascending, the last = input.size()),
/// each fed in pieces of at most `piece` bytes, and joins them.
core::PixelBytes segmented(std::span<const std::uint8_t> input, const std::vector<std::size_t>& ends, int isal_level,
                           std::size_t piece) {
    io::SegmentDeflater deflater(isal_level);
    std::vector<io::DeflateSegment> segments;
    std::size_t at = 0;
    for (const std::size_t end : ends) {
        for (; at < end; at += std::min(piece, end - at)) deflater.add(input.data() + at, std::min(piece, end - at));
        segments.push_back(deflater.finish(end == input.size()));
    }
    return io::join_zlib_segments(std::move(segments), isal_level);
}

/// CRC-32C (Castagnoli, reflected, no inversions) of the 4 little-endian bytes of `v`, as x86's crc32
/// instruction computes it from 0: the hash ISA-L's level 1-2 body files 4 input bytes under.
std::uint32_t crc32c_of(std::uint32_t v) {
    std::uint32_t crc = 0;
    for (int i = 0; i < 32; ++i) crc = ((crc ^ (v >> i)) & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    return crc;
}

/// The raw deflate bytes of `input` deflated at `level` in one segment, the stream state at `storage`.
core::PixelBytes deflated_at(isal_zstream* storage, std::span<const std::uint8_t> input, int level) {
    io::SegmentDeflater deflater(level, storage);
    deflater.add(input.data(), input.size());
    return deflater.finish(true).bytes;
}

}  // namespace

TEST_CASE("adler32_combine gives the Adler-32 of the concatenation", "[io][zlib]") {
    const std::string wikipedia = "Wikipedia";
    const std::span<const std::uint8_t> text(reinterpret_cast<const std::uint8_t*>(wikipedia.data()), wikipedia.size());
    REQUIRE(adler32_of(text) == 0x11E60398);  // the reference's own check, against the published value
    CHECK(io::adler32_combine(adler32_of(text.first(4)), adler32_of(text.subspan(4)), 5) == 0x11E60398);

    std::mt19937 rng(5);
    for (const bool all_ff : {false, true}) {
        // Long enough that the length and both sums wrap the modulus 65521 several times.
        std::vector<std::uint8_t> bytes(200'003);
        for (auto& b : bytes) b = all_ff ? std::uint8_t{0xff} : static_cast<std::uint8_t>(rng());
        const std::span<const std::uint8_t> all(bytes);
        for (const std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{65521}, std::size_t{100'000}, bytes.size()}) {
            CAPTURE(all_ff, split);
            CHECK(io::adler32_combine(adler32_of(all.first(split)), adler32_of(all.subspan(split)), bytes.size() - split) ==
                  adler32_of(all));
        }
    }
}

TEST_CASE("segments deflated one after another join into one zlib stream of the whole input", "[io][zlib]") {
    // Noise (incompressible: the output buffer must grow past its first 64 KiB) between compressible runs.
    std::vector<std::uint8_t> input(600'000);
    std::mt19937 rng(9);
    for (std::size_t i = 0; i < input.size(); ++i)
        input[i] = i % 200'000 < 120'000 ? static_cast<std::uint8_t>(rng()) : static_cast<std::uint8_t>(i / 1000);
    for (const int level : {1, 2, 3})
        for (const auto& ends : {std::vector<std::size_t>{600'000}, std::vector<std::size_t>{1, 2, 300'000, 600'000},
                                 std::vector<std::size_t>{150'001, 150'002, 450'000, 599'999, 600'000}})
            for (const std::size_t piece : {std::size_t{7}, std::size_t{65'536}, std::size_t{1'000'000}}) {
                if (piece == 7 && ends.size() == 1) continue;  // slow and adds nothing
                CAPTURE(level, ends.size(), piece);
                const core::PixelBytes zlib = segmented(input, ends, level, piece);
                CHECK(zlib.size() > input.size() / 2);  // the noise, 60% of the input, did not shrink
                CHECK(test::inflate_checked(zlib, input.size()) == input);
            }
}

TEST_CASE("a segment's bytes do not depend on where the deflate state lives", "[io][zlib]") {
    // ISA-L 2.30's level 1-2 body, on a stream's first bytes, files input position 2 under the hash of
    // bits 16-47 of the stream state's address instead of the input's, overwriting whatever that bucket
    // held. Input whose first 4 bytes hash to that very bucket, repeated, lost its first match at one
    // address and not at another: the bytes followed the heap. Two states 64 KiB apart, and for each an
    // input made to collide there, must give the same bytes.
    constexpr std::size_t slot = std::size_t{1} << 16, slots = 64;
    const std::size_t arena_bytes = slots * slot + sizeof(isal_zstream);
    void* arena = mmap(nullptr, arena_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(arena != MAP_FAILED);
    const auto state_at = [&](std::size_t k) {
        return reinterpret_cast<isal_zstream*>(static_cast<std::uint8_t*>(arena) + k * slot);
    };
    const auto address_bucket = [](const isal_zstream* state, std::uint32_t mask) {
        return crc32c_of(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(state) >> 16)) & mask;
    };

    for (const int level : {1, 2, 3}) {
        CAPTURE(level);
        std::vector<std::uint8_t> input(4096);
        std::mt19937 rng(static_cast<unsigned>(level));
        for (auto& b : input) b = static_cast<std::uint8_t>(rng());
        deflated_at(state_at(0), input, level);
        const std::uint32_t mask = state_at(0)->internal_state.hash_mask;
        REQUIRE(mask > 0);
        // Two states whose address buckets differ.
        std::size_t other = 1;
        while (other + 1 < slots && address_bucket(state_at(other), mask) == address_bucket(state_at(0), mask)) ++other;
        for (const std::size_t k : {std::size_t{0}, other}) {
            // 32 random bytes whose first 4 hash to state k's address bucket, repeated: a match at byte 32.
            std::uint32_t head = 0;
            while ((crc32c_of(head) & mask) != address_bucket(state_at(k), mask)) ++head;
            for (std::size_t i = 0; i < 4; ++i) input[i] = static_cast<std::uint8_t>(head >> (8 * i));
            for (std::size_t i = 32; i < input.size(); ++i) input[i] = input[i % 32];
            CAPTURE(k, head);
            const core::PixelBytes here = deflated_at(state_at(k), input, level);
            CHECK(deflated_at(state_at(k == 0 ? other : 0), input, level) == here);
            CHECK(test::inflate_checked(
                      io::join_zlib_segments(
                          {io::DeflateSegment{here, isal_adler32(1, input.data(), input.size()), input.size()}}, level),
                      input.size()) == input);
        }
    }
    munmap(arena, arena_bytes);
}
