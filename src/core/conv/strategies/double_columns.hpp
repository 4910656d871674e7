// The double column filter shared by the double strategies: an input row of 8- or 16-bit samples
// widened to doubles between its pads, and its weighted sums per column phase, written into an
// output-width row. Double because float sums of 16-bit samples lose the units digit PyTorch's
// float64 keeps (a float holds 24 bits: 65535 times a weight and a few such sums need more).
#pragma once
#include <cstdint>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"

namespace tconv::core {

class DoubleColumns {
public:
    /// Keeps references to `in` and `layout`: both must outlive this.
    DoubleColumns(const InputRows& in, const PhaseLayout& layout) : in_(in), layout_(layout) {}

    /// One thread's buffers.
    struct Scratch {
        std::vector<double> padded;      ///< one input row as doubles between its pads (zeros or edge pixels)
        std::int64_t padded_input = -1;  ///< the input row `padded` holds
    };
    Scratch scratch() const { return {std::vector<double>(layout_.padded_row_len(), 0.0), -1}; }

    /// Input row `input_row` between its pads (kept in the scratch until another row is asked for).
    const double* padded_row(std::int64_t input_row, Scratch& scratch) const;

    /// Adds to dst (out width x channels), at each output column, the sum over its column phase's
    /// taps of the padded input times weights[tap] (kernel.size.w of them), in tap order. Weight is
    /// double (a kernel row as typed) or float (a rank-1 split's factors).
    template <class Weight>
    void add_filtered(const double* padded, const Weight* weights, double* dst) const;

private:
    InputRows in_;
    const PhaseLayout& layout_;
};

}  // namespace tconv::core
