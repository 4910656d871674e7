// Edge modes: the index maps of numpy.pad's 'constant', 'edge' and 'reflect'.
#include "core/geometry/edge_mode.hpp"

#include <algorithm>

namespace tconv::core {

std::string_view edge_mode_name(EdgeMode mode) {
    switch (mode) {
        case EdgeMode::Zero: return "zero";
        case EdgeMode::Replicate: return "replicate";
        case EdgeMode::Reflect: return "reflect";
    }
    return "?";
}

std::optional<EdgeMode> parse_edge_mode(std::string_view name) {
    for (const EdgeMode m : all_edge_modes)
        if (edge_mode_name(m) == name) return m;
    return std::nullopt;
}

std::int64_t edge_source(std::int64_t i, std::int64_t n, EdgeMode mode) {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case EdgeMode::Zero: return -1;
        case EdgeMode::Replicate: return std::clamp<std::int64_t>(i, 0, n - 1);
        case EdgeMode::Reflect: {
            if (n == 1) return 0;
            // Reflection about both borders repeats with period 2(n - 1): 0 1 .. n-1 n-2 .. 1 0 1 ..
            const std::int64_t period = 2 * (n - 1);
            const std::int64_t m = ((i % period) + period) % period;
            return m < n ? m : period - m;
        }
    }
    return -1;
}

}  // namespace tconv::core
