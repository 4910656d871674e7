// ReplicateRows: the byte map of one output row, built from the column phases' single weight-1 taps.
#include "core/conv/strategies/replicate_rows.hpp"

#include <climits>

namespace tconv::core {
namespace {

/// True when every phase of `phases` has at most one tap whose factor is not 0, and that factor is 1.
bool one_copy_per_phase(const AxisPhases& phases, std::span<const float> factors) {
    for (const AxisPhase& ph : phases.phases()) {
        int copies = 0;
        for (const PhaseTap& t : ph.taps) {
            const float w = factors[static_cast<std::size_t>(t.tap)];
            if (w == 0.0f) continue;
            if (w != 1.0f || ++copies > 1) return false;
        }
    }
    return true;
}

}  // namespace

std::optional<ReplicateRows> ReplicateRows::plan(const InputRows& in, const PhaseLayout& layout, const RankOneSplit& split,
                                                 std::string& why) {
    if (!one_copy_per_phase(layout.rows, split.col) || !one_copy_per_phase(layout.cols, split.row)) {
        why = "some output pixel adds several input pixels or weighs one by other than 1";
        return std::nullopt;
    }
    // A pixel is moved as its bytes: channels samples of in.sample_bytes() each.
    const int ch = layout.channels * static_cast<int>(in.sample_bytes());
    if (in.width * ch > INT32_MAX) {
        why = "input rows too long for a 32-bit byte map";
        return std::nullopt;
    }
    std::vector<std::int32_t> source(layout.out_row_len() * in.sample_bytes(), -1);
    const std::int64_t stride = layout.cols.stride();
    for (const AxisPhase& ph : layout.cols.phases()) {
        for (const PhaseTap& t : ph.taps) {
            if (split.row[static_cast<std::size_t>(t.tap)] == 0.0f) continue;
            for (std::int64_t q = 0; q < ph.count; ++q) {
                const std::int64_t i = edge_source(t.first_input + q, in.width, layout.shape.edge);
                if (i < 0) continue;
                for (int c = 0; c < ch; ++c)
                    source[static_cast<std::size_t>((ph.first_out + q * stride) * ch + c)] =
                        static_cast<std::int32_t>(i * ch + c);
            }
        }
    }
    why = "every output pixel a copy of at most one input pixel (weight 1)";
    return ReplicateRows(in, split.col, ReplicationMap(std::move(source), layout.in_row_len() * in.sample_bytes()));
}

void ReplicateRows::row(std::int64_t, std::span<const RowTap> taps, Scratch&, std::uint8_t* out) const {
    map_.apply(in_.row(taps.front().input), out);
}

}  // namespace tconv::core
