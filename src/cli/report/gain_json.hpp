// The phase gains as JSON, one spelling for every command that reports them.
#pragma once
#include <string>
#include <vector>

#include "core/kernel/phase_gains.hpp"

namespace tconv::cli {

/// The table as stride.h rows of stride.w numbers.
using GainRows = std::vector<std::vector<double>>;
GainRows gain_rows(const core::PhaseGainTable& table);

/// "[[g00,g01],[g10,g11]]".
std::string gains_json(const GainRows& rows);

/// The checkerboard score as a JSON number, or null when the summary has none.
std::string score_json(const core::GainSummary& summary);

}  // namespace tconv::cli
