// The plan step of the fast transposed convolution: which strategy computes the rows of one image,
// and why, chosen once (as libvips picks a generate function in _build), apart from the schedule
// (the row-cache budget, a forced strategy) that never changes the pixels.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/conv/conv_strategy.hpp"
#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/strategies/dense_rows.hpp"
#include "core/conv/strategies/fixed_point_separable_rows.hpp"
#include "core/conv/strategies/replicate_rows.hpp"
#include "core/conv/strategies/scatter_rows.hpp"
#include "core/conv/strategies/separable_rows.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// Filtered input rows kept per thread by the separable strategies, in bytes of float rows.
inline constexpr std::int64_t default_row_cache_bytes = std::int64_t{32} << 20;

/// How to compute, never what: every schedule gives the same pixels.
struct ConvSchedule {
    std::optional<ConvStrategy> strategy;  ///< forced; empty: the planner's choice
    std::int64_t row_cache_bytes = default_row_cache_bytes;
};

/// The planner's decision, printable: e.g. strategy FixedPoint, reason "rank 1, dyadic factors, sums
/// below 2^16 -> fixed-point", or for a 16-bit input "16-bit samples, rank 1 -> double-separable".
struct ConvPlan {
    ConvStrategy strategy = ConvStrategy::Dense;
    std::string reason;
    int depth = 8;  ///< bits per sample computed and written by the strategy: the input's, 8 or 16
};

/// One alternative per ConvStrategy, in the enum's order.
using RowStrategy = std::variant<ReplicateRows, FixedPointSeparableRows, SeparableRows<float>, DenseRows<float>,
                                 SeparableRows<double>, DenseRows<double>, ScatterRows>;

/// A decision and the strategy it built.
struct PlannedRows {
    ConvPlan plan;
    RowStrategy rows;
};

/// Chooses the fastest strategy that applies to `in` convolved by `kernel` under `layout` (the first
/// of all_conv_strategies whose conditions hold; 16-bit samples skip the float and fixed-point ones;
/// scatter only when forced), or the forced one. Every strategy sums 16-bit samples with the weights as
/// typed and 8-bit samples with the weights rounded to float. Keeps references to `in` and `layout`.
/// Throws InvalidParams when a forced strategy does not apply, saying why.
PlannedRows plan_rows(const InputRows& in, const Kernel& kernel, const PhaseLayout& layout, const ConvSchedule& schedule);

/// The filtered rows kept per thread: as many as one output row can read, within the budget (>= 1).
std::int64_t row_cache_slots(const PhaseLayout& layout, std::int64_t row_cache_bytes);

}  // namespace tconv::core
