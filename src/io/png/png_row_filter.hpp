// PNG row filters (the PNG specification's five: None, Sub, Up, Average, Paeth) and the choice of one
// per row by libpng's heuristic, shared by every compression path of the PNG writer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tconv::io {

/// A row's filter type, as written in the filter byte before the row.
enum class PngFilter : std::uint8_t { none = 0, sub = 1, up = 2, average = 3, paeth = 4 };

/// Filters the rows of one band of an image, in order, each with the filter (of `filters`) whose output
/// bytes, read as signed, have the smallest sum of absolute values (libpng's heuristic).
class PngRowFilter {
public:
    /// `row_bytes` = width * channels; `channels` 1..4 is the byte distance Sub, Average and Paeth look
    /// back. `filters` is not copied and must outlive this.
    PngRowFilter(std::size_t row_bytes, int channels, std::span<const PngFilter> filters);

    /// Writes the filter byte and the filtered row (row_bytes + 1 bytes) to `out`, then keeps `row`
    /// as the row above the next one. A row equal to the one above becomes Up (all zeros) with no search.
    void filter(const std::uint8_t* row, std::uint8_t* out);

    /// Keeps `row` as the row above the next one without writing it: the row above a band's first row,
    /// which another band writes.
    void keep(const std::uint8_t* row);

private:
    std::size_t row_bytes_;
    std::size_t bpp_;
    std::span<const PngFilter> filters_;
    bool above_is_image_row_ = false;  ///< false until a row is taken: zeros above the image's first row
    std::vector<std::uint8_t> above_;
    static constexpr std::size_t trial_bytes = std::size_t{1} << 16;  ///< a chunk of the filters' trials
    std::vector<std::uint8_t> trial_;                                 ///< min(row_bytes, trial_bytes)
    std::vector<std::uint8_t> best_;
};

}  // namespace tconv::io
