// The column filter every float and double strategy shares: an input row widened to the accumulator
// type between its pads, and its weighted sums per column phase, written into an output-width row.
// Acc is float for 8-bit samples (exact enough for them, and twice the SIMD width) and double for
// 16-bit ones, whose sums float cannot hold to the units digit PyTorch's float64 keeps.
#pragma once
#include <cstdint>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/strategies/row_sums.hpp"

namespace tconv::core {

template <class Acc>
class ColumnFilter {
public:
    /// Keeps references to `in` and `layout`: both must outlive this.
    ColumnFilter(const InputRows& in, const PhaseLayout& layout) : in_(in), layout_(layout) {}

    /// One thread's buffers.
    struct Scratch {
        std::vector<Acc> padded;         ///< one input row between its pads (zeros or edge pixels)
        std::int64_t padded_input = -1;  ///< the input row `padded` holds
        std::vector<Acc> phase_sums;     ///< one column phase, contiguous
        std::vector<WeightedRowOf<Acc>> terms;
    };
    Scratch scratch() const;

    /// Input row `input_row` between its pads (kept in the scratch until another row is asked for).
    const Acc* padded_row(std::int64_t input_row, Scratch& scratch) const;

    /// How filter writes the filtered row into dst.
    enum class Write { Store, Add };

    /// dst (out width x channels) gets, at each output column, the sum over its column phase's taps of
    /// the padded input times weights[tap] (kernel.size.w of them), in tap order: stored (zeros where
    /// no tap reaches) or added to what dst holds.
    void filter(const Acc* padded, const Acc* weights, Acc* dst, Write write, Scratch& scratch) const;

private:
    InputRows in_;
    const PhaseLayout& layout_;
};

extern template class ColumnFilter<float>;
extern template class ColumnFilter<double>;

}  // namespace tconv::core
