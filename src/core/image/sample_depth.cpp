// Depth conversion, one sample at a time through the two rules of sample_depth.hpp.
#include "core/image/sample_depth.hpp"

#include <cstring>
#include <utility>
#include <vector>

namespace tconv::core {

void convert_row_depth(const std::uint8_t* src, int from, std::uint8_t* dst, int to, std::size_t samples) {
    if (from == to) {
        std::memcpy(dst, src, samples * (from == 16 ? 2 : 1));
        return;
    }
    if (from == 16) {
        for (std::size_t i = 0; i < samples; ++i) {
            std::uint16_t v = 0;
            std::memcpy(&v, src + 2 * i, 2);
            dst[i] = reduce_to_8_bit(v);
        }
        return;
    }
    for (std::size_t i = 0; i < samples; ++i) {
        const std::uint16_t v = widen_to_16_bit(src[i]);
        std::memcpy(dst + 2 * i, &v, 2);
    }
}

Image with_depth(const Image& image, int depth) {
    if (image.depth == depth) return image;
    Image out = unwritten_image(image.size(), image.channels, depth);
    convert_row_depth(image.pixels.data(), image.depth, out.pixels.data(), depth,
                      static_cast<std::size_t>(image.height * image.width * image.channels));
    return out;
}

Image with_depth(Image&& image, int depth) {
    if (image.depth == depth) return std::move(image);
    return with_depth(static_cast<const Image&>(image), depth);
}

RowProducer rows_at_depth(RowProducer rows, int from, int to, std::size_t samples) {
    if (from == to) return rows;
    return [rows = std::move(rows), from, to, samples](std::int64_t y0, std::int64_t y1, const RowSink& sink) {
        std::vector<std::uint8_t> converted(samples * static_cast<std::size_t>(to / 8));
        rows(y0, y1, [&](std::int64_t y, const std::uint8_t* row) {
            convert_row_depth(row, from, converted.data(), to, samples);
            sink(y, converted.data());
        });
    };
}

}  // namespace tconv::core
