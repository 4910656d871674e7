// The fast transposed convolution, one output row at a time: columns split by stride phase into
// contiguous SIMD loops; for rank-1 kernels an exact separable path (byte shuffles for ones with
// k <= s, 16-bit fixed point for small dyadic factors, float otherwise); and quantisation straight
// into 8-bit rows, so that callers can stream rows (to a PNG encoder) with no full-size image.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/image.hpp"
#include "core/kernel.hpp"
#include "core/fixed_point_rows.hpp"
#include "core/output_shape.hpp"
#include "core/replication_map.hpp"
#include "core/row_stream.hpp"

namespace tconv::core {

/// The planned convolution of one image. Const after construction: convolve_rows may be called from
/// several threads at once (each call has its own scratch rows).
class RowConvolver {
public:
    /// Plans the convolution of `in` by `kernel` cut to `shape` (from plan_output_shape(in.size(), g)
    /// with g.kernel == kernel.size). Keeps references to `in` and `kernel`: both must outlive this.
    RowConvolver(const Image& in, const Kernel& kernel, const OutputShape& shape);

    Extent2 out() const { return {out_h_, out_w_}; }
    int channels() const { return in_.channels; }

    /// True when the kernel is the outer product of a column and a row whose products reproduce
    /// every weight exactly; the rows are then filtered once per input row and combined per output row.
    bool separable() const { return separable_; }

    /// Computes output rows y0 .. y1-1 (0 <= y0 <= y1 <= out().h) in order and passes each to `sink`.
    /// The sums are float; they equal transposed_conv_scatter's wherever float sums are exact
    /// (dyadic weights such as ones, bilinear with power-of-two stride, binomial gaussian).
    void convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) const;

    /// The same rows written in place: row y at pixels + y * out().w * channels().
    void convolve_rows_into(std::int64_t y0, std::int64_t y1, std::uint8_t* pixels) const;

private:
    /// One kernel tap of one stride phase: the phase's k-th output index reads input index
    /// first_input + k (possibly outside the input, where the values are zeros).
    struct PhaseTap {
        std::int64_t first_input = 0;
        std::int64_t tap = 0;  ///< kernel row or column
    };

    /// The output indices first_out, first_out + stride, ... (count of them) share one stride phase,
    /// so they all see the same kernel taps, at consecutive input indices: no division, no search.
    struct AxisPhase {
        std::int64_t first_out = 0;
        std::int64_t count = 0;
        std::vector<PhaseTap> taps;  ///< only taps that reach the input for some output of the phase
    };

    /// Input row `input` meets kernel row `tap` in one output row.
    struct RowTap {
        std::int64_t input = 0;
        std::int64_t tap = 0;  ///< dense path only (0 on the separable path)
        float weight = 0;      ///< separable path: the kernel's column factor for the tap; dense path: 0
        friend bool operator==(const RowTap&, const RowTap&) = default;
    };

    static std::vector<AxisPhase> plan_phases(const AxisShape& axis);

    struct Scratch;
    template <class Target>
    void run_rows(std::int64_t y0, std::int64_t y1, Target& target) const;
    void row_taps(std::int64_t y, std::vector<RowTap>& taps) const;
    const float* padded_row(std::int64_t input_row, Scratch& scratch) const;
    const float* filtered_row(std::int64_t input_row, Scratch& scratch) const;
    /// How filter_columns writes the filtered row into dst.
    enum class ColumnWrite { Store, Add };
    void filter_columns(const float* padded, const float* weights, float* dst, ColumnWrite write, Scratch& scratch) const;
    bool filtered_rows_fit(const std::vector<RowTap>& taps) const;
    void separable_row(Scratch& s, std::uint8_t* out) const;
    void plan_replication();
    void plan_fixed_point();
    const std::uint16_t* fixed_point_filtered_row(std::int64_t input_row, Scratch& scratch) const;
    void fixed_point_output_row(Scratch& s, std::uint8_t* out) const;
    /// Samples after each fixed-point row and phase that interleave_fixed_phases may overwrite.
    static constexpr std::size_t interleave_slack = 4;
    std::size_t fixed_phase_len() const;
    void interleave_fixed_phases(const std::uint16_t* phases, std::uint16_t* row) const;

    const Image& in_;
    const Kernel& kernel_;
    std::int64_t out_h_ = 0;
    std::int64_t out_w_ = 0;
    std::int64_t row_stride_ = 1;
    std::int64_t col_stride_ = 1;
    std::vector<AxisPhase> row_phases_;
    std::vector<AxisPhase> col_phases_;
    std::int64_t pad_left_ = 0;      ///< zero pixels before the input in a padded row
    std::int64_t padded_width_ = 0;  ///< pad_left_ + input width + zero pixels after it
    std::int64_t max_phase_count_ = 0;
    bool separable_ = false;
    std::vector<float> col_factor_;  ///< separable only: weight(a, b) == col_factor_[a] * row_factor_[b]
    std::vector<float> row_factor_;
    std::int64_t cache_slots_ = 1;   ///< separable only: filtered input rows kept per call
    /// Separable, and every column phase copies at most one pixel with weight 1 (ones with k <= s):
    /// rows of one input row with weight 1 are byte copies of it.
    std::optional<ReplicationMap> replication_;
    /// Separable with small dyadic factors: output rows in exact 16-bit fixed point.
    std::optional<FixedPointFactors> fixed_;
};

}  // namespace tconv::core
