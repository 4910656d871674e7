// Phase-gain tables and scores written with json_writer.
#include "cli/report/gain_json.hpp"

#include <optional>

#include "cli/report/json_writer.hpp"

namespace tconv::cli {

GainRows gain_rows(const core::PhaseGainTable& table) {
    GainRows rows(static_cast<std::size_t>(table.stride.h));
    for (std::int64_t ph = 0; ph < table.stride.h; ++ph)
        for (std::int64_t pw = 0; pw < table.stride.w; ++pw) rows[static_cast<std::size_t>(ph)].push_back(table.at(ph, pw));
    return rows;
}

std::string gains_json(const GainRows& rows) {
    return json_array(rows,
                      [](const std::vector<double>& row) { return json_array(row, [](double g) { return json_number(g); }); });
}

std::string score_json(const core::GainSummary& summary) {
    const std::optional<double> score = summary.score();
    return score ? json_number(*score) : "null";
}

}  // namespace tconv::cli
