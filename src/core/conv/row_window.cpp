// RowWindow: rows filled under a lock, in order; a dropped row's buffer is reused for the next.
#include "core/conv/row_window.hpp"

#include <algorithm>

namespace tconv::core {

RowWindow::RowWindow(std::int64_t height, std::size_t row_bytes, Fill fill)
    : height_(height), row_bytes_(row_bytes), fill_(std::move(fill)), table_(static_cast<std::size_t>(height), nullptr) {}

void RowWindow::fill_to(std::int64_t end) {
    const std::lock_guard lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
    end = std::min(end, height_);
    try {
        for (; filled_ < end; ++filled_) {
            PixelBytes row;
            if (!spare_.empty()) {
                row = std::move(spare_.back());
                spare_.pop_back();
            } else {
                row = PixelBytes(row_bytes_);
            }
            fill_(row.data());
            table_[static_cast<std::size_t>(filled_)] = row.data();
            held_.push_back(std::move(row));
            peak_ = std::max(peak_, static_cast<std::int64_t>(held_.size()));
        }
    } catch (...) {
        failure_ = std::current_exception();
        throw;
    }
}

void RowWindow::drop_below(std::int64_t floor) {
    const std::lock_guard lock(mutex_);
    floor = std::min(floor, filled_);
    for (; floor_ < floor; ++floor_) {
        const std::uint8_t* data = table_[static_cast<std::size_t>(floor_)];
        table_[static_cast<std::size_t>(floor_)] = nullptr;
        const auto it = std::find_if(held_.begin(), held_.end(), [&](const PixelBytes& b) { return b.data() == data; });
        if (it == held_.end()) continue;
        spare_.push_back(std::move(*it));
        if (it != held_.end() - 1) *it = std::move(held_.back());
        held_.pop_back();
    }
}

std::int64_t RowWindow::peak_rows() const {
    const std::lock_guard lock(mutex_);
    return peak_;
}

}  // namespace tconv::core
