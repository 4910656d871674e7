// FloatPlane: one channel of real-valued samples, the unclamped data the kernel fit trains on.
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/extent.hpp"
#include "core/image/image.hpp"

namespace tconv::core {

/// A single-channel plane of floats, row-major: sample (y, x) is at values[y * size.w + x].
struct FloatPlane {
    Extent2 size{};
    std::vector<float> values;  ///< size.h * size.w samples
    float at(std::int64_t y, std::int64_t x) const { return values[static_cast<std::size_t>(y * size.w + x)]; }
};

/// A zero-filled plane of the given size.
inline FloatPlane zero_plane(Extent2 size) {
    return FloatPlane{size, std::vector<float>(static_cast<std::size_t>(size.h * size.w), 0.0f)};
}

/// Channel `channel` (0 <= channel < image.channels) of an 8-bit image as floats 0..255.
inline FloatPlane channel_plane(const Image& image, int channel) {
    FloatPlane p = zero_plane(image.size());
    for (std::int64_t y = 0; y < image.height; ++y)
        for (std::int64_t x = 0; x < image.width; ++x)
            p.values[static_cast<std::size_t>(y * image.width + x)] = static_cast<float>(image.at(y, x, channel));
    return p;
}

}  // namespace tconv::core
