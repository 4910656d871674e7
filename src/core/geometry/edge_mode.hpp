// How the input is extended beyond its borders before the scatter: with zeros (PyTorch's
// conv_transpose2d), or by numpy.pad's 'edge' or 'reflect' rule, so that output pixels near the border
// see the taps they would see inside the image.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tconv::core {

enum class EdgeMode {
    Zero,       ///< zeros outside (numpy.pad 'constant'): PyTorch's conv_transpose2d
    Replicate,  ///< the nearest border pixel (numpy.pad 'edge')
    Reflect,    ///< mirrored about the border pixel, not repeating it (numpy.pad 'reflect'), as far as needed
};

/// Every mode, the default first.
inline constexpr std::array<EdgeMode, 3> all_edge_modes{EdgeMode::Zero, EdgeMode::Replicate, EdgeMode::Reflect};

/// "zero", "replicate", "reflect".
std::string_view edge_mode_name(EdgeMode mode);

/// The mode of that name, or nothing.
std::optional<EdgeMode> parse_edge_mode(std::string_view name);

/// The input index that position i (any integer) of an axis of n >= 1 inputs reads under `mode`:
/// i itself inside 0..n-1; outside, -1 (a zero) under Zero, else the index the mode maps it to.
std::int64_t edge_source(std::int64_t i, std::int64_t n, EdgeMode mode);

}  // namespace tconv::core
