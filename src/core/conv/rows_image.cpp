// image_from_rows: each block's rows copied into the image as they come.
#include "core/conv/rows_image.hpp"

#include <algorithm>
#include <cstring>

#include "core/schedule/ordered_tasks.hpp"

namespace tconv::core {

Image image_from_rows(const RowProducer& rows, Extent2 size, int channels, int depth, int threads) {
    Image image = unwritten_image(size, channels, depth);
    const std::size_t row_bytes = static_cast<std::size_t>(size.w * channels) * image.sample_bytes();
    // Blocks small enough that the input rows they read stay few.
    const std::int64_t block = rows_per_block(std::max<std::size_t>(row_bytes, 1));
    run_in_order((size.h + block - 1) / block, threads, 2 * std::int64_t{threads},
                 [&] {
                     return [&](std::int64_t b) {
                         rows(b * block, std::min(size.h, (b + 1) * block), [&](std::int64_t y, const std::uint8_t* row) {
                             std::memcpy(image.pixels.data() + static_cast<std::size_t>(y) * row_bytes, row, row_bytes);
                         });
                         return 0;
                     };
                 },
                 [](std::int64_t, int) {});
    return image;
}

}  // namespace tconv::core
