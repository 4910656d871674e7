// The geometry options shared by the main job and the subcommands (-f -s -p --output-padding
// --dilation -k), as text, and their one translation into a validated core::Geometry and Kernel.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::cli {

/// The option values as typed; empty means "not given".
struct GeometryOptions {
    std::string filter_size;
    std::string stride = "1";
    std::string padding = "0";
    std::string output_padding;
    std::string dilation = "1";
    std::string kernel = "ones";
    std::string edge;   ///< main job only
    std::string scale;  ///< main job only
    /// The options as declared, to tell a default from a value given (null: not declared).
    struct Declared {
        const CLI::Option* filter_size = nullptr;
        const CLI::Option* stride = nullptr;
        const CLI::Option* padding = nullptr;
        const CLI::Option* output_padding = nullptr;
        const CLI::Option* dilation = nullptr;
        const CLI::Option* kernel = nullptr;
    } declared;
};

/// The validated geometry and the kernel built for it.
struct GeometryPlan {
    core::Geometry geometry;
    core::Kernel kernel;
    std::string kernel_spec;  ///< the -k value in effect (bilinear under --scale without -k)
};

/// Adds -f, -s, -p, --output-padding, --dilation and (when with_kernel) -k to `app`.
void add_geometry_options(CLI::App& app, GeometryOptions& options, bool with_kernel = true);

/// Adds --edge and --scale (the main job's upsampling options) to `app`.
void add_upsampling_options(CLI::App& app, GeometryOptions& options);

/// Parses and validates the options, and builds the kernel (reading @FILE). Throws UsageError
/// naming the option (or the kernel file) and the reason, also when even a 1x1 input with one channel
/// would take more than `max_work` multiply-adds (--max-work): checked before the kernel is built.
GeometryPlan plan_geometry(const GeometryOptions& options, std::int64_t max_work = std::numeric_limits<std::int64_t>::max());

}  // namespace tconv::cli
