// The work count of a transposed convolution, saturating.
#include "core/conv_work.hpp"

#include "core/checked_math.hpp"

namespace tconv::core {

std::int64_t conv_multiply_adds(Extent2 input, std::int64_t channels, Extent2 kernel) {
    return saturating_mul(saturating_mul(saturating_mul(input.h, input.w), channels), saturating_mul(kernel.h, kernel.w));
}

}  // namespace tconv::core
