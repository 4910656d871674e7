// Where a convolution reads its input: the rows of a whole image in memory, or those of a RowWindow
// that holds only the rows being read while a decoder streams the rest.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/conv/row_window.hpp"
#include "core/geometry/extent.hpp"
#include "core/image/image.hpp"

namespace tconv::core {

/// The input's shape and its rows, by index. A small value: copied into the strategies.
class InputRows {
public:
    /// The rows of `image`, which must outlive every copy.
    InputRows(const Image& image)  // NOLINT(google-explicit-constructor): an image is the usual input
        : height(image.height),
          width(image.width),
          channels(image.channels),
          depth(image.depth),
          whole_(&image),
          base_(image.pixels.data()),
          row_bytes_(static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes()) {}

    /// The rows of `window`, an image of `size`, `channels` and `depth` arriving in order.
    InputRows(Extent2 size, int channel_count, int bits, const RowWindow& window)
        : height(size.h),
          width(size.w),
          channels(channel_count),
          depth(bits),
          window_(&window),
          row_bytes_(static_cast<std::size_t>(size.w * channel_count) * (bits == 16 ? 2 : 1)) {}

    std::int64_t height = 0;
    std::int64_t width = 0;
    int channels = 0;
    int depth = 8;

    Extent2 size() const { return {height, width}; }
    std::size_t sample_bytes() const { return depth == 16 ? 2 : 1; }
    std::size_t row_bytes() const { return row_bytes_; }
    /// Row r's samples; of a window, only while it holds the row.
    const std::uint8_t* row(std::int64_t r) const {
        return window_ != nullptr ? window_->row(r) : base_ + static_cast<std::size_t>(r) * row_bytes_;
    }
    /// The whole image, or null when the rows stream through a window.
    const Image* whole() const { return whole_; }

private:
    const Image* whole_ = nullptr;
    const RowWindow* window_ = nullptr;
    const std::uint8_t* base_ = nullptr;
    std::size_t row_bytes_ = 0;
};

}  // namespace tconv::core
