// --max-work: the cap on a convolution's multiply-adds, shared by the main job and fit.
#pragma once
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace tconv::cli {

/// --max-work's default: what a laptop's cores get through in about a minute on the dense strategy.
inline constexpr std::int64_t default_max_work = 100'000'000'000;

/// Declares --max-work N on `app`, stored in `max_work`.
void add_max_work_option(CLI::App& app, std::int64_t& max_work);

/// "would take W multiply-adds, over the limit of M (--max-work)"; with `at_least`, "would take at
/// least W ..." (a bound known from the header, before the image is planned).
std::string work_limit_reason(std::int64_t work, std::int64_t max_work, bool at_least = false);

}  // namespace tconv::cli
