// Input rows that arrive in order, top to bottom (a decoder reading a file), held only from the lowest
// row any computation still needs to the highest asked for: the memory of a streamed input follows its
// width, not its height.
#pragma once
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "core/image/pixel_allocator.hpp"

namespace tconv::core {

class RowWindow {
public:
    /// Writes the next row (row_bytes bytes) into its argument; throws to fail the run.
    using Fill = std::function<void(std::uint8_t* row)>;

    /// A window over `height` rows of `row_bytes` bytes each, filled by `fill`, once each, in order.
    RowWindow(std::int64_t height, std::size_t row_bytes, Fill fill);
    RowWindow(const RowWindow&) = delete;
    RowWindow& operator=(const RowWindow&) = delete;

    /// Fills rows up to `end` (exclusive, at most the height) unless they are already: afterwards row(r)
    /// is readable for every r below `end` not yet dropped. Safe to call from several threads. Rethrows
    /// what `fill` threw, then and on every later call.
    void fill_to(std::int64_t end);

    /// Rows below `floor` will not be read again: their memory is reused for the rows to come.
    void drop_below(std::int64_t floor);

    /// Row r, filled and not dropped.
    const std::uint8_t* row(std::int64_t r) const { return table_[static_cast<std::size_t>(r)]; }

    /// The most rows held at once so far.
    std::int64_t peak_rows() const;

private:
    std::int64_t height_;
    std::size_t row_bytes_;
    Fill fill_;
    mutable std::mutex mutex_;
    std::vector<const std::uint8_t*> table_;  ///< row r's bytes, or null: one pointer per row, no more
    std::vector<PixelBytes> held_;            ///< the rows held, in any order
    std::vector<PixelBytes> spare_;           ///< dropped rows' buffers, for reuse
    std::int64_t filled_ = 0;                 ///< rows below this were filled
    std::int64_t floor_ = 0;                  ///< rows below this were dropped
    std::int64_t peak_ = 0;
    std::exception_ptr failure_;
};

}  // namespace tconv::core
