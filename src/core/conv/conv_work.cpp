// The work counts of a transposed convolution, saturating.
#include "core/conv/conv_work.hpp"

#include <algorithm>

#include "core/geometry/checked_math.hpp"

namespace tconv::core {

std::int64_t conv_multiply_adds(Extent2 input, std::int64_t channels, Extent2 kernel) {
    return saturating_mul(saturating_mul(saturating_mul(input.h, input.w), channels), saturating_mul(kernel.h, kernel.w));
}

std::int64_t strategy_multiply_adds(ConvStrategy strategy, Extent2 input, std::int64_t channels, Extent2 kernel, Extent2 output) {
    switch (strategy) {
        case ConvStrategy::Replicate: return saturating_mul(saturating_mul(output.h, output.w), channels);
        case ConvStrategy::FixedPoint:
        case ConvStrategy::FloatSeparable:
        case ConvStrategy::DoubleSeparable: {
            const std::int64_t across = saturating_mul(saturating_mul(input.h, input.w), kernel.w);
            const std::int64_t down = saturating_mul(saturating_mul(input.h, output.w), kernel.h);
            return saturating_mul(saturating_add(across, down), channels);
        }
        case ConvStrategy::Dense:
        case ConvStrategy::DoubleDense:
        case ConvStrategy::Scatter: break;
    }
    return conv_multiply_adds(input, channels, kernel);
}

std::int64_t least_multiply_adds(bool rank_one, Extent2 input, Extent2 kernel, Extent2 output) {
    if (!rank_one) return strategy_multiply_adds(ConvStrategy::Dense, input, 1, kernel, output);
    return std::min(strategy_multiply_adds(ConvStrategy::Replicate, input, 1, kernel, output),
                    strategy_multiply_adds(ConvStrategy::FloatSeparable, input, 1, kernel, output));
}

std::int64_t least_multiply_adds_of_any_kernel(Extent2 input, Extent2 kernel, Extent2 output) {
    return std::min(least_multiply_adds(true, input, kernel, output), least_multiply_adds(false, input, kernel, output));
}

}  // namespace tconv::core
