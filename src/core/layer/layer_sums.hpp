// Weighted sums of double rows, the trained layer's inner loop: every output sample of one column
// phase is a start value (the bias) plus the input rows of its group's channels, shifted by the column
// taps, each times its weight. Up to max_layer_outputs output channels share one pass over the rows.
#pragma once
#include <cstddef>
#include <span>

namespace tconv::core {

/// The most output channels one layer_sums call computes.
inline constexpr int max_layer_outputs = 4;

/// One term of the sums: n doubles from `row`, output k taking them times weights[k].
struct LayerTerm {
    const double* row = nullptr;
    const double* weights = nullptr;  ///< one weight per output of the call
};

/// For each output k < outputs (1 to max_layer_outputs) and i < n:
/// dst[k * dst_stride + i] = starts[k] + terms[0].row[i] * terms[0].weights[k] + terms[1].row[i] *
/// terms[1].weights[k] + ..., left to right, each product rounded to double before it is added (no
/// fused multiply-add), so the AVX2 and portable loops, and any grouping of outputs into calls, give
/// the same bits on every CPU. terms may be empty (dst = start).
void layer_sums(int outputs, const double* starts, std::span<const LayerTerm> terms, double* dst, std::size_t dst_stride,
                std::size_t n);

}  // namespace tconv::core
