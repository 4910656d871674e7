// The float column filter shared by the float-separable and dense strategies: an input row widened to
// floats between its pads, and its weighted sums per column phase, written into an output-width row.
#pragma once
#include <cstdint>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/strategies/row_sums.hpp"

namespace tconv::core {

class FloatColumns {
public:
    /// Keeps references to `in` and `layout`: both must outlive this.
    FloatColumns(const InputRows& in, const PhaseLayout& layout) : in_(in), layout_(layout) {}

    /// One thread's buffers.
    struct Scratch {
        std::vector<float> padded;       ///< one input row as floats between its pads (zeros or edge pixels)
        std::int64_t padded_input = -1;  ///< the input row `padded` holds
        std::vector<float> phase_sums;   ///< one column phase, contiguous
        std::vector<WeightedRow> terms;
    };
    Scratch scratch() const;

    /// Input row `input_row` between its pads (kept in the scratch until another row is asked for).
    const float* padded_row(std::int64_t input_row, Scratch& scratch) const;

    /// How filter writes the filtered row into dst.
    enum class Write { Store, Add };

    /// dst (out width x channels) gets, at each output column, the sum over its column phase's taps of
    /// the padded input times weights[tap] (kernel.size.w of them): stored (zeros where no tap reaches)
    /// or added to what dst holds.
    void filter(const float* padded, const float* weights, float* dst, Write write, Scratch& scratch) const;

private:
    InputRows in_;
    const PhaseLayout& layout_;
};

}  // namespace tconv::core
