// How much work a transposed convolution is, counted for the strategy that runs it, so that a job
// too large to finish can be refused before it starts.
#pragma once
#include <cstdint>

#include "core/conv/conv_strategy.hpp"
#include "core/geometry/extent.hpp"

namespace tconv::core {

/// The multiply-adds of the definition: every input sample (pixels x channels) times every kernel
/// tap, as the dense and scatter strategies do them. Saturates at INT64_MAX instead of overflowing.
std::int64_t conv_multiply_adds(Extent2 input, std::int64_t channels, Extent2 kernel);

/// The multiply-adds (or copies) of `strategy` for an input of `input` pixels and `channels`, a
/// kernel of `kernel` taps and an output of `output` pixels:
/// - replicate: one copy per output sample, output pixels x channels;
/// - fixed-point, float-separable: each input row filtered across (input pixels x KW), then each
///   filtered row added into KH output rows (input rows x output columns x KH), times channels;
/// - dense, scatter, real: conv_multiply_adds.
/// Saturates at INT64_MAX.
std::int64_t strategy_multiply_adds(ConvStrategy strategy, Extent2 input, std::int64_t channels, Extent2 kernel, Extent2 output);

/// The least work that any strategy the planner can choose takes for one channel: for a kernel that
/// splits into a column times a row (`rank_one`) the cheaper of replicate and the separable strategies,
/// else the dense count. Known from the sizes alone, so a cap can be checked before an image is decoded.
std::int64_t least_multiply_adds(bool rank_one, Extent2 input, Extent2 kernel, Extent2 output);

/// The least work that any strategy takes for one channel, whatever the kernel's weights: the cheapest
/// of replicate, the separable strategies and dense. Known from the kernel's size, before it is built.
std::int64_t least_multiply_adds_of_any_kernel(Extent2 input, Extent2 kernel, Extent2 output);

}  // namespace tconv::core
