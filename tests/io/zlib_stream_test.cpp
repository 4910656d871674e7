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

#include "inflate_checked.hpp"
#include "io/zlib_stream.hpp"

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
