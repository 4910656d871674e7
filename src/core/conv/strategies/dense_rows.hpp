// Strategy "dense": any kernel. Each output row adds, for each of its kernel rows, the padded input
// row's per-phase sums with that kernel row's weights into a float row, then quantises it.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/float_columns.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

class DenseRows {
public:
    /// Keeps references to `in` and `layout`, and the kernel's weights rounded to float.
    DenseRows(const InputRows& in, const PhaseLayout& layout, const Kernel& kernel)
        : layout_(&layout), weights_(float_weights(kernel)), kernel_width_(kernel.size.w), columns_(in, layout) {}

    struct Scratch {
        FloatColumns::Scratch columns;
        std::vector<float> sums;  ///< the output row before quantisation
    };
    Scratch scratch() const { return {columns_.scratch(), std::vector<float>(layout_->out_row_len())}; }
    std::span<const float> col_factors() const { return {}; }

    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    const PhaseLayout* layout_;
    std::vector<float> weights_;
    std::int64_t kernel_width_;
    FloatColumns columns_;
};

}  // namespace tconv::core
