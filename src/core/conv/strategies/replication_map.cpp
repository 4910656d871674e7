// ReplicationMap: PSHUFB (SSSE3, run under the AVX2 check) per 16 output bytes, or one byte at a time.
#include "core/conv/strategies/replication_map.hpp"

#include <algorithm>
#include <cstring>

#include "core/schedule/simd_support.hpp"

namespace tconv::core {
namespace {

constexpr std::size_t block = 16;

#ifdef TCONV_HAVE_X86
__attribute__((target("avx2"))) void shuffle_blocks(const std::uint8_t* input_row, std::size_t input_bytes,
                                                    const std::int32_t* start, const std::uint8_t* shuffle, std::size_t blocks,
                                                    std::uint8_t* out) {
    // Windows that would read past the input row are read from a copy padded with zeros.
    std::uint8_t tail[2 * block] = {};
    const std::size_t tail_from = input_bytes >= block ? input_bytes - block : 0;
    std::memcpy(tail, input_row + tail_from, input_bytes - tail_from);
    for (std::size_t b = 0; b < blocks; ++b) {
        const auto at = static_cast<std::size_t>(start[b]);
        const __m128i window = input_bytes >= block && at <= tail_from
                                   ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(input_row + at))
                                   : _mm_loadu_si128(reinterpret_cast<const __m128i*>(tail + (at - tail_from)));
        const __m128i pick = _mm_loadu_si128(reinterpret_cast<const __m128i*>(shuffle + b * block));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + b * block), _mm_shuffle_epi8(window, pick));
    }
}
#endif

}  // namespace

ReplicationMap::ReplicationMap(std::vector<std::int32_t> source, std::size_t input_bytes)
    : source_(std::move(source)), input_bytes_(input_bytes) {
    const std::size_t blocks = source_.size() / block;
    block_start_.resize(blocks);
    block_shuffle_.resize(blocks * block);
    shuffles_ = true;
    for (std::size_t b = 0; b < blocks && shuffles_; ++b) {
        const auto first = source_.begin() + static_cast<std::ptrdiff_t>(b * block);
        std::int32_t lo = INT32_MAX, hi = -1;
        for (auto it = first; it != first + block; ++it)
            if (*it >= 0) lo = std::min(lo, *it), hi = std::max(hi, *it);
        if (hi < 0) lo = 0;  // all zeros
        if (hi - lo >= static_cast<std::int32_t>(block)) shuffles_ = false;
        block_start_[b] = lo;
        for (std::size_t j = 0; j < block; ++j) {
            const std::int32_t s = first[static_cast<std::ptrdiff_t>(j)];
            block_shuffle_[b * block + j] = s < 0 ? std::uint8_t{0x80} : static_cast<std::uint8_t>(s - lo);
        }
    }
    if (shuffles_) {
        // The blocks say everything but the tail: the byte map of a very wide row is four times the
        // row, the blocks a quarter more than it.
        source_.erase(source_.begin(), source_.begin() + static_cast<std::ptrdiff_t>(blocks * block));
        source_.shrink_to_fit();
    } else {
        block_start_.clear();
        block_shuffle_.clear();
    }
}

void ReplicationMap::apply(const std::uint8_t* input_row, std::uint8_t* out) const {
    if (!shuffles_) {
        for (std::size_t j = 0; j < source_.size(); ++j) out[j] = source_[j] < 0 ? 0 : input_row[source_[j]];
        return;
    }
    const std::size_t blocks = block_start_.size();
#ifdef TCONV_HAVE_X86
    if (use_avx2())
        shuffle_blocks(input_row, input_bytes_, block_start_.data(), block_shuffle_.data(), blocks, out);
    else
#endif
        for (std::size_t j = 0; j < blocks * block; ++j) {  // what PSHUFB does, a byte at a time
            const std::uint8_t pick = block_shuffle_[j];
            out[j] = pick & 0x80 ? 0 : input_row[static_cast<std::size_t>(block_start_[j / block]) + pick];
        }
    std::uint8_t* tail = out + blocks * block;
    for (std::size_t j = 0; j < source_.size(); ++j) tail[j] = source_[j] < 0 ? 0 : input_row[source_[j]];
}

}  // namespace tconv::core
