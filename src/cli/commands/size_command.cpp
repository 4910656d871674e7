// `tconv size`: plan the shape as the main job would (same options, same arithmetic) and explain it.
#include "cli/commands/size_command.hpp"

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cli/options/geometry_options.hpp"
#include "cli/options/output_size_option.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/json_writer.hpp"
#include "cli/report/report.hpp"
#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_size_target.hpp"

namespace tconv::cli {
namespace {

constexpr const char* footer =
    "Examples:\n"
    "  tconv size --input 4x4 -f 3 -s 4 --output-padding 1   # the article's stripes: 16x16\n"
    "  tconv size --input 477x720 -f 4 -s 2 -p 1 --json\n"
    "  tconv size --input 16 -f 3 -s 4 --conv                 # the forward convolution, and back\n"
    "  tconv size --input 4 -f 3 -s 4 --output-size 16        # the output padding that gives 16\n"
    "Exit status: 0 printed; 2 usage error (a bad option or value, or a size no geometry reaches).";

struct SizeOptions {
    GeometryOptions geometry;
    std::string input;
    std::string output_size;
    bool conv = false;
    bool json = false;
};

std::string axis_detail(const core::AxisShape& a) {
    return fmt::format("full buffer {}, {} cropped at the start and {} at the end, output padding {}", a.full, a.crop_begin,
                       a.crop_end, a.output_padding);
}

std::string axis_json(const core::AxisShape& a) {
    return JsonObject()
        .add_integer("full", a.full)
        .add_integer("crop_begin", a.crop_begin)
        .add_integer("crop_end", a.crop_end)
        .add_integer("output_padding", a.output_padding)
        .text();
}

/// The sizes every --json object of `tconv size` starts with.
JsonObject sizes_json(core::Extent2 in, core::Extent2 out) {
    JsonObject json;
    json.add_integer("in_height", in.h).add_integer("in_width", in.w);
    json.add_integer("out_height", out.h).add_integer("out_width", out.w);
    return json;
}

/// "1 + (16 - 3 + 2 * 0) / 4 = 1 + 13 / 4 = 4, remainder 1": the article's first formula.
std::string conv_axis_formula(const core::ConvAxisSize& c) {
    const std::string kernel =
        c.dilation == 1 ? std::to_string(c.kernel) : fmt::format("({} * ({} - 1) + 1)", c.dilation, c.kernel);
    const std::string pad =
        c.pad_begin == c.pad_end ? fmt::format("2 * {}", c.pad_begin) : fmt::format("({} + {})", c.pad_begin, c.pad_end);
    return fmt::format("1 + ({} - {} + {}) / {} = 1 + {} / {} = {}, remainder {}", c.in, kernel, pad, c.stride,
                       c.in + c.pad_begin + c.pad_end - c.k_eff, c.stride, c.out, c.remainder);
}

int print_conv_size(const SizeOptions& o, const GeometryPlan& plan, core::Extent2 in) {
    if (!o.geometry.output_padding.empty() || !o.output_size.empty())
        throw UsageError("--conv", "the forward convolution has no output padding; drop --output-padding/--output-size");
    const core::ConvSize conv = as_usage_error("--conv", [&] { return core::forward_conv_size(in, plan.geometry); });
    const core::Extent2 out{conv.rows.out, conv.cols.out};
    const core::Extent2 remainder{conv.rows.remainder, conv.cols.remainder};
    const std::string rows = conv_axis_formula(conv.rows);
    const std::string cols = conv_axis_formula(conv.cols);
    const std::string formula = rows == cols ? "out = " + rows : fmt::format("rows: out = {}; columns: out = {}", rows, cols);
    if (o.json) {
        fmt::print("{}\n", sizes_json(in, out)
                               .add_integer("remainder_height", remainder.h)
                               .add_integer("remainder_width", remainder.w)
                               .add_string("formula", formula)
                               .text());
        return exit_ok;
    }
    // The transposed convolution with the same geometry goes back to `in` less the remainder;
    // output padding = remainder restores it exactly.
    // Without output padding the way back can even be empty (k 2, s 4, p 1 from 2 gives 1, and 1 goes
    // back to 0), which is still worth saying rather than failing.
    core::Geometry back = plan.geometry;
    back.output_padding = core::Extent2{0, 0};
    std::string back_text;
    try {
        back_text = extent_text(core::plan_output_shape(out, back).out());
    } catch (const core::InvalidParams& e) {
        back_text = fmt::format("no valid size ({})", e.what());
    }
    fmt::print("{} -> {} (HxW, forward convolution); {}\n", extent_text(in), extent_text(out), formula);
    fmt::print("remainder {}: the transposed convolution takes {} back to {}; --output-padding {} restores {}\n",
               extent_text(remainder), extent_text(out), back_text, option_extent_text(remainder), extent_text(in));
    return exit_ok;
}

/// The option to blame when a checked geometry gives an input no output: the padding, which crops it all
/// away, or, for Keras' same, an output padding of 0 on one pixel of an even kernel.
std::string shape_fault(const GeometryOptions& typed, const core::Geometry& g) {
    if (g.padding.mode == core::PaddingMode::Explicit) return "--padding " + typed.padding;
    return typed.output_padding.empty() ? "--padding " + typed.padding : "--output-padding " + typed.output_padding;
}

int print_size(const SizeOptions& o) {
    const GeometryPlan plan = plan_geometry(o.geometry);
    const core::Extent2 in = as_usage_error("--input", [&] { return core::parse_extent(o.input, 1); });
    if (o.conv) return print_conv_size(o, plan, in);

    const std::optional<core::Extent2> wanted = parse_output_size(o.output_size, o.geometry);
    const core::OutputShape shape =
        wanted
            ? as_usage_error("--output-size", [&] { return core::plan_output_shape_to_size(in, plan.geometry, *wanted); })
            : as_usage_error(shape_fault(o.geometry, plan.geometry), [&] { return core::plan_output_shape(in, plan.geometry); });
    if (o.json) {
        fmt::print("{}\n", sizes_json(in, shape.out())
                               .add_string("formula", shape_formula(shape))
                               .add_json("rows", axis_json(shape.rows))
                               .add_json("columns", axis_json(shape.cols))
                               .text());
        return exit_ok;
    }
    fmt::print("{} -> {} (HxW); {}\n", extent_text(in), extent_text(shape.out()), shape_formula(shape));
    std::string solved;
    if (wanted) {
        const core::ReachableSizes r = core::reachable_output_sizes(in, plan.geometry);
        solved = fmt::format("output padding {} solved for --output-size {} (reachable: rows {} to {}, columns {} to {})",
                             option_extent_text({shape.rows.output_padding, shape.cols.output_padding}),
                             option_extent_text(*wanted), r.rows.min, r.rows.max, r.cols.min, r.cols.max);
    }
    if (axis_detail(shape.rows) == axis_detail(shape.cols)) {
        fmt::print("rows and columns: {}\n", axis_detail(shape.rows));
    } else {
        fmt::print("rows: {}\n", axis_detail(shape.rows));
        fmt::print("columns: {}\n", axis_detail(shape.cols));
    }
    if (!solved.empty()) fmt::print("{}\n", solved);
    return exit_ok;
}

}  // namespace

Command add_size_command(CLI::App& parent) {
    auto options = std::make_shared<SizeOptions>();
    CLI::App* app =
        parent.add_subcommand("size",
                              "Print the output size and its formula, without any image. For --input HxW and the main job's "
                              "geometry options, with the numbers filled in");
    app->footer(footer);
    app->add_option("--input", options->input, "Input size N or HxW (rows x columns)")->type_name("N|HxW")->required();
    add_geometry_options(*app, options->geometry);
    add_output_size_option(*app, options->output_size);
    app->add_flag("--conv", options->conv,
                  "Print the forward convolution's size instead. 1 + (in - k + 2p) / s (the article's first "
                  "formula), and the remainder that output padding restores on the way back");
    app->add_flag("--json", options->json, "One JSON object on stdout instead of the human lines");
    return {app, [options] { return print_size(*options); }};
}

}  // namespace tconv::cli
