// Phase gains of a kernel under a stride (docs/semantics.md): what a flat image is multiplied by
// at each stride phase away from the borders, and the checkerboard score and mean gain of them.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/geometry/extent.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// One phase that some tap reaches, and the sum of the taps that reach it.
struct PhaseGain {
    Extent2 phase;
    double gain = 0.0;
};

/// The phases (ph, pw) reached by some tap w[a][b], with ph = a*dilation.h mod stride.h and
/// pw = b*dilation.w mod stride.w, in row-major phase order, each with the sum of its taps (in
/// double). Every other phase has gain 0. O(taps + KH log KH + KW log KW), whatever the stride. Stride, dilation >= 1.
std::vector<PhaseGain> reached_phase_gains(const Kernel& kernel, Extent2 stride, Extent2 dilation);

/// The most phases a gain table may have (a 1024x1024 stride).
inline constexpr std::int64_t max_gain_table_phases = std::int64_t{1} << 20;

/// The gain table: stride.h rows of stride.w numbers, row-major.
struct PhaseGainTable {
    Extent2 stride{1, 1};
    std::vector<double> gains;  ///< stride.h * stride.w values
    double at(std::int64_t ph, std::int64_t pw) const { return gains[static_cast<std::size_t>(ph * stride.w + pw)]; }
};

/// The whole table, 0 at the phases no tap reaches. Throws InvalidParams when it would have more
/// than max_gain_table_phases entries.
PhaseGainTable phase_gain_table(const Kernel& kernel, Extent2 stride, Extent2 dilation);

/// What the table says, without holding it.
struct GainSummary {
    double min = 0.0;              ///< smallest phase gain
    double max = 0.0;              ///< largest phase gain
    double mean = 0.0;             ///< the kernel's sum / phases: the brightness factor of a flat image
    std::int64_t phases = 0;       ///< stride.h * stride.w
    std::int64_t zero_phases = 0;  ///< phases with gain 0 (no tap, or taps that cancel)
    bool mixed_signs = false;      ///< some gain < 0 and some > 0
    /// The checkerboard score: max |gain| / min |gain|, 1 when all gains are equal. Empty when a
    /// phase has gain 0 (a flat image comes out black there, which no ratio describes) or when
    /// gains of both signs occur.
    std::optional<double> score() const;
};

/// The summary of the gains. Throws InvalidParams when stride.h * stride.w overflows 64 bits.
GainSummary gain_summary(const Kernel& kernel, Extent2 stride, Extent2 dilation);

}  // namespace tconv::core
