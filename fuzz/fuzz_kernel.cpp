// libFuzzer target: arbitrary text through the `-k` parsers (core::parse_kernel_spec, the inline
// form, and core::parse_kernel_matrix, the @FILE form), then through make_kernel.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "core/errors.hpp"
#include "core/kernel/kernel.hpp"

namespace {

using tconv::core::Kernel;

/// Every kernel handed to the convolution must have a size, matching weights, all finite as typed and as floats.
void check_kernel(const Kernel& k) {
    if (k.size.h < 1 || k.size.w < 1 || k.weights.size() != static_cast<std::size_t>(k.size.h * k.size.w)) std::abort();
    for (const double w : k.weights)
        if (!std::isfinite(w)) std::abort();
    for (const float w : tconv::core::float_weights(k))  // what the float strategies sum with
        if (!std::isfinite(w)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tconv::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const KernelSpec spec = parse_kernel_spec(text);
        if (spec.kind == KernelKind::Matrix) check_kernel(spec.matrix);
        // Named kernels get a small size drawn from the input, so every size and parity is reached.
        const std::optional<Extent2> filter = spec.kind == KernelKind::Matrix || size == 0
                                                  ? std::nullopt
                                                  : std::optional(Extent2{1 + data[0] % 24, 1 + data[size - 1] % 24});
        check_kernel(make_kernel(spec, filter, Extent2{1 + static_cast<std::int64_t>(size % 5), 2}));
    } catch (const InvalidParams&) {}
    try {
        check_kernel(parse_kernel_matrix(text, '\n'));
    } catch (const InvalidParams&) {}
    return 0;
}
