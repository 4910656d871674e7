// Strategy "replicate": kernels whose every output pixel is a copy of at most one input pixel with
// weight 1 (the article's transparent filter, ones with k <= s). Each output row is one input row's
// bytes rearranged, with zeros where no tap lands: byte shuffles, no arithmetic (16-bit samples move
// as their two bytes).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/conv/input_rows.hpp"
#include "core/conv/phase_layout.hpp"
#include "core/conv/row_taps.hpp"
#include "core/conv/strategies/replication_map.hpp"
#include "core/kernel/rank_one.hpp"

namespace tconv::core {

class ReplicateRows {
public:
    /// The strategy for `in` under `layout` with the kernel's `split`, or nothing; `why` says which.
    /// Keeps references to `in` and `layout`.
    static std::optional<ReplicateRows> plan(const InputRows& in, const PhaseLayout& layout, const RankOneSplit& split,
                                             std::string& why);

    struct Scratch {};
    Scratch scratch() const { return {}; }
    std::span<const float> col_factors() const { return col_factors_; }

    /// Output row y from its taps (one input row, weight 1).
    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    ReplicateRows(const InputRows& in, std::vector<float> col_factors, ReplicationMap map)
        : in_(in), col_factors_(std::move(col_factors)), map_(std::move(map)) {}

    InputRows in_;
    std::vector<float> col_factors_;
    ReplicationMap map_;
};

}  // namespace tconv::core
