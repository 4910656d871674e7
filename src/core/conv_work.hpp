// How much work a transposed convolution is, counted by its definition, so that a job too large to
// finish can be refused before it starts.
#pragma once
#include <cstdint>

#include "core/extent.hpp"

namespace tconv::core {

/// The multiply-adds of the definition: every input sample (pixels x channels) times every kernel
/// tap. The fast strategies do no more than this. Saturates at INT64_MAX instead of overflowing.
std::int64_t conv_multiply_adds(Extent2 input, std::int64_t channels, Extent2 kernel);

}  // namespace tconv::core
