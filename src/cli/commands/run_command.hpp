// The main job: tconv [options] INPUT... (-o OUTPUT | -d OUT_DIR).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options/geometry_options.hpp"
#include "cli/options/layer_options.hpp"
#include "cli/options/max_work_option.hpp"
#include "io/output/output_file.hpp"
#include "io/png/png_encoder.hpp"

namespace tconv::cli {

/// The main job's options, as typed.
struct RunOptions {
    GeometryOptions geometry;
    LayerOptions layer;  ///< --layer and its options
    std::vector<std::string> inputs;
    std::string output;
    std::string out_dir;
    std::string files_from;
    std::string output_size;  ///< --output-size, empty: not given
    bool null_separated = false;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    std::string strategy = "auto";  ///< --strategy, checked by parse_strategy_option
    int jobs = 0;                   ///< 0: all cores
    std::int64_t max_pixels = std::int64_t{1} << 28;
    std::int64_t max_work = default_max_work;       ///< --max-work, multiply-adds per input
    int compression = io::default_png_compression;  ///< --compression, 0..12
    io::WriteOptions write;                         ///< --no-fsync
    std::string format;                             ///< --format, empty: from each output's extension
    int quality = 0;                                ///< --quality, 0: not given
    bool lossless = false;                          ///< --lossless
    bool auto_orient = false;                       ///< --auto-orient
    std::string alpha;                              ///< --alpha, checked by plan_alpha; empty: not given
    bool strip = false;                             ///< --strip
    int depth = 0;                                  ///< --depth 8 or 16, 0: the input's where the format holds it
};

/// Declares the main job's options on the top-level app.
void add_run_options(CLI::App& app, RunOptions& options);

/// Runs the main job; returns the exit code. Throws UsageError before any input is read.
int run_main_job(const RunOptions& options);

}  // namespace tconv::cli
