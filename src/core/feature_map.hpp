// FeatureMap: real-valued samples in channels-first planes, what a trained layer reads and writes (a
// framework's (C, H, W) tensor, or an image's samples before clamping and rounding).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/extent.hpp"
#include "core/pixel_allocator.hpp"

namespace tconv::core {

/// `channels` planes of size.h x size.w doubles, plane after plane, each row-major: sample (c, y, x)
/// is values[(c * size.h + y) * size.w + x], as a contiguous PyTorch (C, H, W) tensor holds it.
struct FeatureMap {
    /// Default-initialised on resize (no zero fill that a convolution would overwrite).
    using Samples = std::vector<double, PixelAllocator<double>>;

    int channels = 0;
    Extent2 size{};
    Samples values;

    std::size_t plane_len() const { return static_cast<std::size_t>(size.h * size.w); }
    double at(int c, std::int64_t y, std::int64_t x) const {
        return values[static_cast<std::size_t>((c * size.h + y) * size.w + x)];
    }
    const double* plane(int c) const { return values.data() + static_cast<std::size_t>(c) * plane_len(); }
    double* plane(int c) { return values.data() + static_cast<std::size_t>(c) * plane_len(); }
};

/// A zero-filled feature map.
inline FeatureMap zero_feature_map(int channels, Extent2 size) {
    return FeatureMap{channels, size, FeatureMap::Samples(static_cast<std::size_t>(channels * size.h * size.w), 0.0)};
}

/// A feature map whose samples are not yet written: for a caller that writes every one of them.
inline FeatureMap unwritten_feature_map(int channels, Extent2 size) {
    return FeatureMap{channels, size, FeatureMap::Samples(static_cast<std::size_t>(channels * size.h * size.w))};
}

}  // namespace tconv::core
