// `tconv overlap`: plan as the main job does, count the taps per output pixel, print and draw them.
#include "cli/overlap_command.hpp"

#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/extent_text.hpp"
#include "cli/geometry_options.hpp"
#include "cli/overlap_report.hpp"
#include "cli/report.hpp"
#include "cli/usage_error.hpp"
#include "core/checked_math.hpp"
#include "core/errors.hpp"
#include "core/geometry_text.hpp"
#include "core/overlap_map.hpp"
#include "io/io_error.hpp"
#include "io/output_file.hpp"
#include "io/png_encoder.hpp"

namespace tconv::cli {
namespace {

/// A diagnostic map needs no more than this (16 Mi pixels); it also bounds each axis' count vector.
constexpr std::int64_t max_map_pixels = std::int64_t{1} << 24;

constexpr const char* footer =
    "Examples:\n"
    "  tconv overlap --input 4 -f 3 -s 2 --counts   # 1 2 1 2 ...: uneven, a checkerboard\n"
    "  tconv overlap -f 4 -s 2 -o map.png          # even: one count away from the borders\n"
    "Exit status: 0 printed (and written); 1 the map could not be written; 2 usage error.";

struct OverlapOptions {
    GeometryOptions geometry;
    std::string input = "4x4";
    std::string output;
    bool counts = false;
};

int run_overlap(const OverlapOptions& o) {
    const GeometryPlan plan = plan_geometry(o.geometry);
    const core::Extent2 in = as_usage_error("--input", [&] { return core::parse_extent(o.input, 1); });
    const core::OutputShape shape = as_usage_error("--input", [&] { return core::plan_output_shape(in, plan.geometry); });
    const core::Extent2 out = shape.out();
    if (as_usage_error("--input", [&] { return core::checked_mul(out.h, out.w); }) > max_map_pixels)
        throw UsageError("--input",
                         fmt::format("the map would be {} pixels, over the limit of {}", extent_text(out), max_map_pixels));
    const core::OverlapMap map = core::overlap_map(shape);

    fmt::print("{} -> {} (HxW); {}\n", extent_text(in), extent_text(out), shape_formula(shape));
    fmt::print("{}\n", axis_overlap_line("rows", "row", shape.rows, map.rows));
    fmt::print("{}\n", axis_overlap_line("columns", "column", shape.cols, map.cols));
    const core::CountRange range = map.over_output();
    fmt::print("map: {} to {} input pixels per output pixel (row count x column count)\n", range.min, range.max);
    if (o.counts)
        for (std::int64_t y = 0; y < out.h; ++y) {
            std::string line;
            for (std::int64_t x = 0; x < out.w; ++x) line += fmt::format("{}{}", x ? " " : "", map.at(y, x));
            fmt::print("{}\n", line);
        }
    if (!o.output.empty()) {
        try {
            io::write_file_atomically(o.output, io::encode_png(core::overlap_image(map)));
        } catch (const io::IoError& e) {
            fmt::print(stderr, "{}\n", error_line(e.file().empty() ? o.output : e.file(), e.what()));
            return exit_input_failed;
        }
        fmt::print("{}: {} grey, value = round(count * 255 / {})\n", o.output, extent_text(out), range.max);
    }
    return exit_ok;
}

}  // namespace

Command add_overlap_command(CLI::App& parent) {
    auto options = std::make_shared<OverlapOptions>();
    CLI::App* app =
        parent.add_subcommand("overlap",
                              "Count how many input pixels reach each output pixel (uneven overlap, kernel size not a "
                              "multiple of the stride, shows as stripes or a checkerboard) and print or draw the map");
    app->footer(footer);
    app->add_option("--input", options->input, "Input size N or HxW (rows x columns) [default: 4x4]")->type_name("N|HxW");
    add_geometry_options(*app, options->geometry, false);
    app->add_flag("--counts", options->counts, "Print the count map, one output row per line");
    app->add_option("-o,--output", options->output, "Write the map as a grey PNG (brightest = most overlap)")->type_name("FILE");
    return {app, [options] { return run_overlap(*options); }};
}

}  // namespace tconv::cli
