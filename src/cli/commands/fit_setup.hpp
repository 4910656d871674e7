// What `tconv fit` was given, and what its two fits (one kernel, or a whole layer with --layer) share:
// the geometry's text, why a target's size does not fit, the per-pair report, and the descent run
// under a progress line with its failures as error lines.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/options/geometry_options.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/report/json_writer.hpp"
#include "core/fit/fit_descent.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "io/input/loaded_image.hpp"
#include "io/output/output_file.hpp"

namespace tconv::cli {

struct FitOptions {
    GeometryOptions geometry;
    io::WriteOptions write;  ///< --no-fsync
    std::int64_t max_work = default_max_work;
    std::string input;
    std::string target;
    std::string pairs_file;
    std::string output;
    std::string init = "zeros";
    std::uint64_t seed = 1;
    bool seed_given = false;
    std::int64_t steps = 500;
    double learning_rate = 0.05;
    bool json = false;
    std::string output_size;   ///< --output-size as typed
    int jobs = 0;              ///< 0: all cores
    bool layer = false;        ///< --layer: learn weight and bias of a whole layer
    int groups = 0;            ///< --groups, 0: not given
    bool no_bias = false;      ///< --no-bias: a layer without bias
    bool auto_orient = false;  ///< --auto-orient: inputs and targets turned upright
};

struct PairPaths {
    std::string input;
    std::string target;
};

/// A loaded pair: what the report says about it.
struct PairReport {
    PairPaths paths;
    core::Extent2 in_size{};
    core::Extent2 out_size{};
    int channels = 0;         ///< the input's
    int target_channels = 0;  ///< the target's
};

/// "-f 4x4 -s 2x2 -p 1 --dilation 1x1" (and --output-padding when given): how to apply the result.
std::string fit_geometry_text(const FitOptions& o, const core::Geometry& g);

/// The output shape of a pair's input: --output-size solved for it (the output padding it needs
/// depends on the input size), else the geometry's. Throws core::InvalidParams.
core::OutputShape fit_output_shape(core::Extent2 in, const core::Geometry& geometry,
                                   const std::optional<core::Extent2>& output_size);

/// Why a target of size `target` does not fit the `out` that INPUT `input_path` of size `in` gives,
/// and which --output-size or padding would.
std::string size_mismatch_text(const FitOptions& o, const core::Geometry& geometry, bool output_size_given, core::Extent2 in,
                               const std::string& input_path, core::Extent2 target, core::Extent2 out);

/// A pair's images at 8 bits, and the output shape of its input (the target's size checked).
struct LoadedPair {
    io::LoadedImage input;
    io::LoadedImage target;
    core::OutputShape shape;
};

/// What a fit takes from one loaded pair: "" when it took the pair, else the error line that refuses
/// it. May throw io::IoError or std::bad_alloc, which become error lines too.
using PairUse = std::function<std::string(const PairPaths& paths, const LoadedPair& pair)>;

/// Loads every pair (at 8 bits, upright with --auto-orient; their load warnings appended to `warnings`), plans its output shape,
/// checks the target's size and hands it to `use`. Every pair is tried, so that one run names every
/// bad one: the error line of each that fails is printed. Returns false when any failed.
bool load_pairs(const FitOptions& o, const std::vector<PairPaths>& pairs, const core::Geometry& geometry,
                const std::optional<core::Extent2>& output_size, const PairUse& use, std::vector<std::string>& warnings);

/// Adds what both fits' --json end with: init, steps, lr, samples, saturated_samples, best_step and
/// best_loss (the step whose parameters are written, the lowest loss), final_loss (after the last
/// step) and loss (the history, steps + 1 numbers).
JsonObject& add_fit_history(JsonObject& json, const FitOptions& o, std::int64_t samples, std::int64_t saturated_samples,
                            const std::vector<double>& loss, std::int64_t best_step);

/// The human report's words for a loss history: "loss FIRST -> BEST at step N (RMSE ...)", and when N
/// is not the last step, what the last step's loss was, since its parameters are not the ones written.
std::string loss_text(const std::vector<double>& loss, std::int64_t best_step);

/// The JSON object of one pair in --json's "pairs".
std::string pair_json(const PairReport& p);

/// Steps, learning rate and threads (-j, else every core).
core::FitSettings fit_settings(const FitOptions& o);

/// Calls fit(observer) under a progress line on a terminal ("step 120/500, loss 12.3"); returns the
/// error line of a fit that diverged or was refused (nothing to write), else nullopt.
std::optional<std::string> run_fit_steps(const FitOptions& o, const std::function<void(const core::FitObserver&)>& fit);

/// The subject the line "... -> OUTPUT" starts with: "INPUT + TARGET" for one pair, "N pairs" else.
std::string pairs_text(const std::vector<PairPaths>& pairs);

}  // namespace tconv::cli
