// layer_sums in AVX2 where the CPU has it (8 samples of every output in registers across all the terms,
// each row loaded once for all outputs), and in portable blocks otherwise; both add in the same order
// with the same roundings, so they agree bit for bit.
#include "core/layer/layer_sums.hpp"

#include <algorithm>
#include <array>

#include "core/schedule/simd_support.hpp"

namespace tconv::core {
namespace {

/// Portable: sums in blocks, term by term so that the compiler vectorises the loops over a block.
constexpr std::size_t block_len = 128;

void layer_sums_portable(int outputs, const double* starts, std::span<const LayerTerm> terms, double* dst, std::size_t dst_stride,
                         std::size_t n) {
    std::array<double, block_len> block;
    for (int k = 0; k < outputs; ++k)
        for (std::size_t at = 0; at < n; at += block_len) {
            const std::size_t len = std::min(block_len, n - at);
            std::fill_n(block.data(), len, starts[k]);
            for (const LayerTerm& t : terms) {
                const double* r = t.row + at;
                const double w = t.weights[k];
                for (std::size_t i = 0; i < len; ++i) block[i] += r[i] * w;
            }
            std::copy_n(block.data(), len, dst + static_cast<std::size_t>(k) * dst_stride + at);
        }
}

#ifdef TCONV_HAVE_X86
template <int M>
__attribute__((target("avx2"))) void layer_sums_avx2(const double* starts, std::span<const LayerTerm> terms, double* dst,
                                                     std::size_t dst_stride, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d lo[M], hi[M];
        for (int k = 0; k < M; ++k) lo[k] = hi[k] = _mm256_set1_pd(starts[k]);
        for (const LayerTerm& t : terms) {
            const __m256d a = _mm256_loadu_pd(t.row + i), b = _mm256_loadu_pd(t.row + i + 4);
            for (int k = 0; k < M; ++k) {
                const __m256d w = _mm256_broadcast_sd(t.weights + k);
                lo[k] = _mm256_add_pd(lo[k], _mm256_mul_pd(a, w));
                hi[k] = _mm256_add_pd(hi[k], _mm256_mul_pd(b, w));
            }
        }
        for (int k = 0; k < M; ++k) {
            _mm256_storeu_pd(dst + static_cast<std::size_t>(k) * dst_stride + i, lo[k]);
            _mm256_storeu_pd(dst + static_cast<std::size_t>(k) * dst_stride + i + 4, hi[k]);
        }
    }
    for (; i < n; ++i)
        for (int k = 0; k < M; ++k) {
            double a = starts[k];
            for (const LayerTerm& t : terms) a += t.row[i] * t.weights[k];
            dst[static_cast<std::size_t>(k) * dst_stride + i] = a;
        }
}
#endif

}  // namespace

void layer_sums(int outputs, const double* starts, std::span<const LayerTerm> terms, double* dst, std::size_t dst_stride,
                std::size_t n) {
#ifdef TCONV_HAVE_X86
    if (use_avx2()) {
        switch (outputs) {
            case 1: return layer_sums_avx2<1>(starts, terms, dst, dst_stride, n);
            case 2: return layer_sums_avx2<2>(starts, terms, dst, dst_stride, n);
            case 3: return layer_sums_avx2<3>(starts, terms, dst, dst_stride, n);
            default: return layer_sums_avx2<4>(starts, terms, dst, dst_stride, n);
        }
    }
#endif
    layer_sums_portable(outputs, starts, terms, dst, dst_stride, n);
}

}  // namespace tconv::core
