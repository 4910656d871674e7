// The pixel count --max-pixels compares, saturating.
#include "core/geometry/pixel_count.hpp"

#include "core/geometry/checked_math.hpp"

namespace tconv::core {

bool counts_bytes(const ImageFootprint& f) { return f.channels * f.sample_bytes > counted_pixel_bytes; }

std::int64_t footprint_bytes(const ImageFootprint& f) {
    return saturating_mul(saturating_mul(saturating_mul(f.size.h, f.size.w), f.frames), f.channels * f.sample_bytes);
}

std::int64_t counted_pixels(const ImageFootprint& f) {
    if (!counts_bytes(f)) return saturating_mul(saturating_mul(f.size.h, f.size.w), f.frames);
    const std::int64_t bytes = footprint_bytes(f);
    return bytes == INT64_MAX ? bytes : (bytes + counted_pixel_bytes - 1) / counted_pixel_bytes;
}

}  // namespace tconv::core
