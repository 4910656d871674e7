// PNG row filters and libpng's per-row choice among them (the minimum sum of absolute values).
#include "io/png/png_row_filter.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace tconv::io {
namespace {

/// The Paeth predictor of left a, up b, up-left c: whichever is nearest p = a + b - c, ties to a then
/// b. Written with the distances expanded and selects, not branches, so that the loops vectorise.
std::uint8_t paeth(int a, int b, int c) {
    const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
    const int nearer_of_b_c = pb <= pc ? b : c;
    return static_cast<std::uint8_t>(pa <= pb && pa <= pc ? a : nearer_of_b_c);
}

/// Writes filter `f` of bytes [begin, end) of row `x` (above it `up`, all zeros for the first row) to
/// `out` (end - begin bytes); bpp is the channel count. Returns libpng's heuristic cost of those bytes:
/// the sum of their magnitudes read as signed. Compiled for plain x86-64 and for AVX2, picked at run
/// time: the PNG writer's default level runs all five filters on each row that is not a repeat.
__attribute__((target_clones("avx2", "default"))) std::uint64_t apply_filter(PngFilter f, const std::uint8_t* __restrict x,
                                                                             const std::uint8_t* __restrict up, std::size_t begin,
                                                                             std::size_t end, std::size_t bpp,
                                                                             std::uint8_t* __restrict out) {
    // The first bpp bytes of a row have no left neighbour; later chunks read theirs from the row.
    const std::size_t lead = begin < bpp ? std::min(bpp, end) : begin;
    const std::size_t n = end - begin;
    x += begin, up += begin;
    const std::size_t first = lead - begin;  // bytes of this chunk without a left neighbour
    switch (f) {
        case PngFilter::none: std::memcpy(out, x, n); break;
        case PngFilter::sub:
            std::memcpy(out, x, first);
            for (std::size_t i = first; i < n; ++i) out[i] = static_cast<std::uint8_t>(x[i] - x[i - bpp]);
            break;
        case PngFilter::up:
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(x[i] - up[i]);
            break;
        case PngFilter::average:
            for (std::size_t i = 0; i < first; ++i) out[i] = static_cast<std::uint8_t>(x[i] - (up[i] >> 1));
            for (std::size_t i = first; i < n; ++i) out[i] = static_cast<std::uint8_t>(x[i] - ((x[i - bpp] + up[i]) >> 1));
            break;
        case PngFilter::paeth:
            for (std::size_t i = 0; i < first; ++i) out[i] = static_cast<std::uint8_t>(x[i] - up[i]);
            for (std::size_t i = first; i < n; ++i)
                out[i] = static_cast<std::uint8_t>(x[i] - paeth(x[i - bpp], up[i], up[i - bpp]));
            break;
    }
    // Summed in 32 bits (which vectorise well) per block small enough not to overflow.
    constexpr std::size_t block = std::size_t{1} << 23;
    std::uint64_t cost = 0;
    for (std::size_t at = 0; at < n; at += block) {
        const std::size_t block_end = std::min(n, at + block);
        std::uint32_t block_cost = 0;
        for (std::size_t i = at; i < block_end; ++i) block_cost += out[i] < 128 ? out[i] : 256u - out[i];
        cost += block_cost;
    }
    return cost;
}

}  // namespace

PngRowFilter::PngRowFilter(std::size_t row_bytes, int channels, std::span<const PngFilter> filters)
    : row_bytes_(row_bytes),
      bpp_(static_cast<std::size_t>(channels)),
      filters_(filters),
      above_(row_bytes, 0),
      trial_(std::min(row_bytes, trial_bytes)),
      best_(std::min(row_bytes, trial_bytes)) {}

void PngRowFilter::filter(const std::uint8_t* row, std::uint8_t* out) {
    if (above_is_image_row_ && filters_.size() > 1 && std::memcmp(row, above_.data(), row_bytes_) == 0) {
        out[0] = static_cast<std::uint8_t>(PngFilter::up);  // a repeated row, as upsampling makes
        std::memset(out + 1, 0, row_bytes_);
    } else if (filters_.size() == 1) {
        out[0] = static_cast<std::uint8_t>(filters_[0]);
        apply_filter(filters_[0], row, above_.data(), 0, row_bytes_, bpp_, out + 1);
    } else {
        // Each filter is tried a chunk at a time, so that a very wide row needs no row-sized copies;
        // a row of one chunk keeps its best trial, a longer one is filtered again with the winner.
        std::uint64_t best_cost = UINT64_MAX;
        PngFilter best = PngFilter::none;
        for (const PngFilter f : filters_) {
            std::uint64_t cost = 0;
            for (std::size_t at = 0; at < row_bytes_ && cost < best_cost; at += trial_.size())
                cost += apply_filter(f, row, above_.data(), at, std::min(row_bytes_, at + trial_.size()), bpp_, trial_.data());
            if (cost < best_cost) best_cost = cost, best = f, std::swap(trial_, best_);
        }
        out[0] = static_cast<std::uint8_t>(best);
        if (row_bytes_ <= best_.size())
            std::memcpy(out + 1, best_.data(), row_bytes_);
        else
            apply_filter(best, row, above_.data(), 0, row_bytes_, bpp_, out + 1);
    }
    keep(row);
}

void PngRowFilter::keep(const std::uint8_t* row) {
    std::memcpy(above_.data(), row, row_bytes_);
    above_is_image_row_ = true;
}

}  // namespace tconv::io
