// `tconv overlap`: plan as the main job does, count the taps per output pixel, print and draw them,
// and sum the kernel's weights per stride phase.
#include "cli/commands/overlap_command.hpp"
#include "cli/options/write_options.hpp"
#include "cli/report/report_stream.hpp"

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/options/geometry_options.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/gain_json.hpp"
#include "cli/report/json_writer.hpp"
#include "cli/report/overlap_report.hpp"
#include "cli/report/report.hpp"
#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/kernel/overlap_map.hpp"
#include "core/kernel/phase_gains.hpp"
#include "io/io_error.hpp"
#include "io/output/output_file.hpp"
#include "io/png/png_encoder.hpp"
#include "pictures/overlap_image.hpp"

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
    bool json = false;
    io::WriteOptions write;  ///< --no-fsync
};

std::string axis_json(const core::AxisShape& shape, const core::AxisOverlap& o) {
    JsonObject json;
    json.add_integer("kernel", shape.kernel)
        .add_integer("stride", shape.stride)
        .add_integer("dilation", shape.dilation)
        .add_bool("even", o.interior.min == o.interior.max)
        .add_integer("interior_min", o.interior.min)
        .add_integer("interior_max", o.interior.max)
        .add_integer("output_min", o.over_output.min)
        .add_integer("output_max", o.over_output.max);
    return json.text();
}

/// Everything `tconv overlap` says, for --json.
struct OverlapFacts {
    const core::OutputShape& shape;
    const core::OverlapMap& map;
    const GainRows& gains;
    const core::GainSummary& summary;
};

std::string overlap_json(const OverlapFacts& f, const OverlapOptions& o) {
    const core::Extent2 in = f.shape.in(), out = f.shape.out();
    const core::CountRange range = f.map.over_output();
    JsonObject json;
    json.add_integer("in_width", in.w)
        .add_integer("in_height", in.h)
        .add_integer("out_width", out.w)
        .add_integer("out_height", out.h)
        .add_string("formula", shape_formula(f.shape))
        .add_json("rows", axis_json(f.shape.rows, f.map.rows))
        .add_json("columns", axis_json(f.shape.cols, f.map.cols))
        .add_integer("map_min", range.min)
        .add_integer("map_max", range.max);
    if (o.counts) {
        json.add_json("counts", json_array_of(out.h, [&](std::int64_t y) {
                          return json_array_of(out.w, [&](std::int64_t x) { return std::to_string(f.map.at(y, x)); });
                      }));
    }
    if (!o.output.empty()) json.add_path("map_file", o.output);
    json.add_json("gains", gains_json(f.gains)).add_json("score", score_json(f.summary));
    json.add_number("mean_gain", f.summary.mean);
    return json.text();
}

int run_overlap(const OverlapOptions& o) {
    const GeometryPlan plan = plan_geometry(o.geometry);
    const core::Extent2 in = as_usage_error("--input", [&] { return core::parse_extent(o.input, 1); });
    const core::OutputShape shape = as_usage_error("--input", [&] { return core::plan_output_shape(in, plan.geometry); });
    const core::Extent2 out = shape.out();
    if (as_usage_error("--input", [&] { return core::checked_mul(out.h, out.w); }) > max_map_pixels)
        throw UsageError("--input",
                         fmt::format("the map would be {} pixels, over the limit of {}", extent_text(out), max_map_pixels));
    const core::Geometry& g = plan.geometry;
    const GainRows gains =
        gain_rows(as_usage_error("--stride", [&] { return core::phase_gain_table(plan.kernel, g.stride, g.dilation); }));
    if (!o.output.empty()) check_output_path(o.output);
    const core::GainSummary summary = core::gain_summary(plan.kernel, g.stride, g.dilation);
    const core::OverlapMap map = core::overlap_map(shape);
    const core::CountRange range = map.over_output();

    auto write_map = [&] {
        try {
            io::write_file_atomically(o.output, io::encode_png(pictures::overlap_image(map)), o.write);
            return true;
        } catch (const io::IoError& e) {
            fmt::print(stderr, "{}\n", error_line(e.file().empty() ? o.output : e.file(), e.what()));
            return false;
        }
    };
    std::FILE* const report = report_stream(o.output);  // -o - puts the map on stdout
    if (o.json) {
        if (!o.output.empty() && !write_map()) return exit_input_failed;
        fmt::print(report, "{}\n", overlap_json({shape, map, gains, summary}, o));
        return exit_ok;
    }
    fmt::print(report, "{} -> {} (HxW); {}\n", extent_text(in), extent_text(out), shape_formula(shape));
    fmt::print(report, "{}\n", axis_overlap_line("rows", "row", shape.rows, map.rows));
    fmt::print(report, "{}\n", axis_overlap_line("columns", "column", shape.cols, map.cols));
    fmt::print(report, "map: {} to {} input pixels per output pixel (row count x column count)\n", range.min, range.max);
    if (o.counts)
        for (std::int64_t y = 0; y < out.h; ++y) {
            std::string line;
            for (std::int64_t x = 0; x < out.w; ++x) line += fmt::format("{}{}", x ? " " : "", map.at(y, x));
            fmt::print(report, "{}\n", line);
        }
    if (!o.output.empty()) {
        if (!write_map()) return exit_input_failed;
        fmt::print(report, "{}: {} grey, value = round(count * 255 / {})\n", o.output, extent_text(out), range.max);
    }
    fmt::print(report, "phase gains (what a flat image is multiplied by, per stride phase; {} rows of {}):\n", g.stride.h,
               g.stride.w);
    for (const std::vector<double>& row : gains) fmt::print(report, "{:g}\n", fmt::join(row, " "));
    fmt::print(report, "checkerboard score (max/min gain): {}; mean gain {:g}\n", score_text(summary), summary.mean);
    return exit_ok;
}

}  // namespace

Command add_overlap_command(CLI::App& parent) {
    auto options = std::make_shared<OverlapOptions>();
    CLI::App* app =
        parent.add_subcommand("overlap",
                              "Count the inputs reaching each output pixel; print the phase gains. The map printed or drawn; the "
                              "phase gains are what a flat image is multiplied by at each stride phase (uneven gains "
                              "show as stripes or a checkerboard)");
    app->footer(footer);
    app->add_option("--input", options->input, "Input size N or HxW (rows x columns)")->type_name("N|HxW")->capture_default_str();
    add_geometry_options(*app, options->geometry);
    app->add_flag("--counts", options->counts, "Print the count map, one output row per line");
    app->add_flag("--json", options->json,
                  "Print one JSON object instead. The lines' numbers, with gains (the phase-gain table, rows of "
                  "numbers), score (max/min gain, null when a phase has gain 0 or the gains differ in sign) and "
                  "mean_gain");
    app->add_option("-o,--output", options->output, "Write the map as a grey PNG (brightest = most overlap)")->type_name("FILE");
    add_write_options(*app, options->write);
    return {app, [options] { return run_overlap(*options); }};
}

}  // namespace tconv::cli
