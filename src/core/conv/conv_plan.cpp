// plan_rows: the strategies tried fastest first, each saying why it does or does not apply.
#include "core/conv/conv_plan.hpp"

#include <algorithm>
#include <utility>

#include "core/errors.hpp"
#include "core/kernel/rank_one.hpp"

namespace tconv::core {

std::int64_t row_cache_slots(const PhaseLayout& layout, std::int64_t row_cache_bytes) {
    const AxisShape& r = layout.shape.rows;
    const std::int64_t window = (r.k_eff - 1) / r.stride + 1;  // input rows one output row can reach
    const auto row_bytes = std::max<std::int64_t>(static_cast<std::int64_t>(layout.out_row_len() * sizeof(float)), 1);
    return std::clamp<std::int64_t>(row_cache_bytes / row_bytes, 1, window);
}

PlannedRows plan_rows(const InputRows& in, const Kernel& kernel, const PhaseLayout& layout, const ConvSchedule& schedule) {
    const std::optional<ConvStrategy> forced = schedule.strategy;
    const auto wanted = [&](ConvStrategy s) { return !forced || *forced == s; };
    // 16-bit samples are summed in double: float sums of them are not exact enough (see column_filter.hpp).
    const bool wide = in.depth == 16;
    // They take the weights as typed; 8-bit samples the weights as floats, whichever strategy sums them.
    const std::optional<Kernel> rounded = wide ? std::nullopt : std::optional(float_rounded(kernel));
    const Kernel& weights = rounded ? *rounded : kernel;
    const std::optional<RankOneSplit> split = exact_rank_one(weights);
    // The reason reads as the conditions checked, then the choice.
    std::string reason = forced ? "forced; " : "";
    if (wide) reason += "16-bit samples, ";
    reason += split ? "rank 1" : "rank 2 or more (no exact split into a column times a row)";
    const auto chosen = [&](ConvStrategy s, RowStrategy rows, const std::string& why) {
        if (!why.empty()) reason += ", " + why;
        reason += " -> ";
        reason += strategy_name(s);
        return PlannedRows{ConvPlan{s, reason, in.depth}, std::move(rows)};
    };
    const auto refuse = [&](const std::string& why) {
        return InvalidParams("strategy " + std::string(strategy_name(*forced)) + " does not apply: " + why);
    };
    if (wide && forced &&
        (*forced == ConvStrategy::FixedPoint || *forced == ConvStrategy::FloatSeparable || *forced == ConvStrategy::Dense))
        throw refuse("the samples are 16-bit (its sums hold 8-bit samples only; the double strategies take 16)");
    // Filtered double rows take twice the bytes of float ones: the same budget holds half as many.
    const std::int64_t slots = row_cache_slots(layout, wide ? schedule.row_cache_bytes / 2 : schedule.row_cache_bytes);
    if (split) {
        std::string why;
        if (wanted(ConvStrategy::Replicate)) {
            if (auto rows = ReplicateRows::plan(in, layout, *split, why))
                return chosen(ConvStrategy::Replicate, std::move(*rows), why);
            if (forced) throw refuse(why);
        }
        if (!wide && wanted(ConvStrategy::FixedPoint)) {
            if (auto rows = FixedPointSeparableRows::plan(in, layout, *split, slots, why))
                return chosen(ConvStrategy::FixedPoint, std::move(*rows), why);
            if (forced) throw refuse(why);
            reason += ", " + why;
        }
        if (!wide && wanted(ConvStrategy::FloatSeparable))
            return chosen(ConvStrategy::FloatSeparable, SeparableRows<float>(in, layout, *split, slots), "");
        if (wanted(ConvStrategy::DoubleSeparable))
            return chosen(ConvStrategy::DoubleSeparable, SeparableRows<double>(in, layout, *split, slots), "");
    } else if (forced && *forced != ConvStrategy::Dense && *forced != ConvStrategy::DoubleDense &&
               *forced != ConvStrategy::Scatter) {
        throw refuse("the kernel has no exact split into a column times a row");
    }
    if (!wide && wanted(ConvStrategy::Dense)) return chosen(ConvStrategy::Dense, DenseRows<float>(in, layout, weights), "");
    if (wanted(ConvStrategy::DoubleDense)) return chosen(ConvStrategy::DoubleDense, DenseRows<double>(in, layout, weights), "");
    // The literal scatter reads the input as it likes: it takes a whole image, never a streamed one.
    if (in.whole() == nullptr) throw refuse("the literal scatter reads the whole input, which is streamed here");
    return chosen(ConvStrategy::Scatter, ScatterRows(*in.whole(), weights, layout.shape), "the literal scatter in double");
}

}  // namespace tconv::core
