// Strategy "double-dense": any kernel, summed in double (the planner's choice for 16-bit samples and
// a kernel with no exact rank-1 split). Each output row adds, for each of its kernel rows, the padded
// input row's per-phase sums with that kernel row's weights into a double row, then quantises it.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/double_columns.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

class DoubleDenseRows {
public:
    /// Keeps references to `in` and `layout`, and the kernel's weights.
    DoubleDenseRows(const InputRows& in, const PhaseLayout& layout, const Kernel& kernel)
        : layout_(&layout), weights_(kernel.weights), kernel_width_(kernel.size.w), columns_(in, layout), depth_(in.depth) {}

    struct Scratch {
        DoubleColumns::Scratch columns;
        std::vector<double> sums;  ///< the output row before quantisation
    };
    Scratch scratch() const { return {columns_.scratch(), std::vector<double>(layout_->out_row_len())}; }
    std::span<const float> col_factors() const { return {}; }

    /// Output row y at the input's depth.
    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    const PhaseLayout* layout_;
    std::vector<double> weights_;
    std::int64_t kernel_width_;
    DoubleColumns columns_;
    int depth_;
};

}  // namespace tconv::core
