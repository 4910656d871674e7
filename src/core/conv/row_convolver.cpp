// RowConvolver: the one row loop every strategy runs in (taps, repeated rows, empty rows), entered
// once per band through the plan's variant.
#include "core/conv/row_convolver.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/conv/row_taps.hpp"

namespace tconv::core {
namespace {

/// Rows handed one by one to a sink, from one scratch row.
class SinkTarget {
public:
    SinkTarget(const RowSink& sink, std::size_t row_len) : sink_(sink), row_(row_len) {}
    std::uint8_t* row(std::int64_t) { return row_.data(); }
    void written(std::int64_t y, const std::uint8_t* row) { sink_(y, row); }
    void repeat(std::int64_t y, const std::uint8_t* previous) { sink_(y, previous); }

private:
    const RowSink& sink_;
    std::vector<std::uint8_t> row_;
};

/// Rows written in place into an image's pixels.
class ImageTarget {
public:
    ImageTarget(std::uint8_t* pixels, std::size_t row_len) : pixels_(pixels), row_len_(row_len) {}
    std::uint8_t* row(std::int64_t y) { return pixels_ + static_cast<std::size_t>(y) * row_len_; }
    void written(std::int64_t, const std::uint8_t*) {}
    void repeat(std::int64_t y, const std::uint8_t* previous) { std::memcpy(row(y), previous, row_len_); }

private:
    std::uint8_t* pixels_;
    std::size_t row_len_;
};

template <class Rows, class Target>
void strategy_rows(const Rows& rows, const PhaseLayout& layout, std::size_t row_bytes, std::int64_t y0, std::int64_t y1,
                   Target& target) {
    auto scratch = rows.scratch();
    std::vector<RowTap> taps, previous_taps;
    const std::uint8_t* previous = nullptr;
    for (std::int64_t y = y0; y < y1; ++y) {
        row_taps(layout.rows, y, rows.col_factors(), taps);
        // Rows with the same taps are the same row: upsampling by k <= stride repeats rows.
        if (previous != nullptr && taps == previous_taps) {
            target.repeat(y, previous);
            continue;
        }
        std::uint8_t* out = target.row(y);
        if (taps.empty())
            std::memset(out, 0, row_bytes);
        else
            rows.row(y, taps, scratch, out);
        target.written(y, out);
        previous = out;
        std::swap(taps, previous_taps);
    }
}

}  // namespace

RowConvolver::RowConvolver(const InputRows& in, const Kernel& kernel, const OutputShape& shape, const ConvSchedule& schedule)
    : layout_(shape, in.channels),
      planned_(plan_rows(in, kernel, layout_, schedule)),
      row_bytes_(layout_.out_row_len() * in.sample_bytes()) {}

template <class Target>
void RowConvolver::run_rows(std::int64_t y0, std::int64_t y1, Target& target) const {
    std::visit([&](const auto& rows) { strategy_rows(rows, layout_, row_bytes_, y0, y1, target); }, planned_.rows);
}

void RowConvolver::convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) const {
    SinkTarget target(sink, row_bytes_);
    run_rows(y0, y1, target);
}

std::pair<std::int64_t, std::int64_t> RowConvolver::input_rows(std::int64_t y0, std::int64_t y1) const {
    return input_reach(layout_.rows, y0, y1);
}

void RowConvolver::convolve_rows_into(std::int64_t y0, std::int64_t y1, std::uint8_t* pixels) const {
    ImageTarget target(pixels, row_bytes_);
    run_rows(y0, y1, target);
}

}  // namespace tconv::core
