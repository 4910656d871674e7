// Strategies "dense" (Acc float, 8-bit samples) and "double-dense" (Acc double, the planner's choice
// for 16-bit samples): any kernel. Each output row adds, for each of its kernel rows, the padded input
// row's per-phase sums with that kernel row's weights into one row of Acc, then quantises it.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/column_filter.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

template <class Acc>
class DenseRows {
public:
    /// Keeps references to `in` and `layout`, and the kernel's weights as Acc (float: rounded).
    DenseRows(const InputRows& in, const PhaseLayout& layout, const Kernel& kernel)
        : layout_(&layout),
          weights_(kernel.weights.begin(), kernel.weights.end()),
          kernel_width_(kernel.size.w),
          columns_(in, layout),
          depth_(in.depth) {}

    struct Scratch {
        typename ColumnFilter<Acc>::Scratch columns;
        std::vector<Acc> sums;  ///< the output row before quantisation
    };
    Scratch scratch() const { return {columns_.scratch(), std::vector<Acc>(layout_->out_row_len())}; }
    std::span<const float> col_factors() const { return {}; }

    /// Output row y at the input's depth.
    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    const PhaseLayout* layout_;
    std::vector<Acc> weights_;
    std::int64_t kernel_width_;
    ColumnFilter<Acc> columns_;
    int depth_;
};

extern template class DenseRows<float>;
extern template class DenseRows<double>;

}  // namespace tconv::core
