// `tconv compare`: plan -> load -> both convolutions -> sheet -> write -> report; the gains and scores
// are the ones `tconv overlap` prints.
#include "cli/commands/compare_command.hpp"
#include "cli/report/single_input_errors.hpp"

#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/options/geometry_options.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/options/orientation_option.hpp"
#include "cli/options/teaching_output.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/options/write_options.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/gain_json.hpp"
#include "cli/report/json_writer.hpp"
#include "cli/report/overlap_report.hpp"
#include "cli/report/report.hpp"
#include "core/conv/conv_work.hpp"
#include "core/conv/resize_conv.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/kernel/phase_gains.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/output/output_file.hpp"
#include "io/png/png_encoder.hpp"
#include "io/quoted_text.hpp"
#include "pictures/compare_sheet.hpp"

namespace tconv::cli {
namespace {

constexpr const char* description =
    "Draw the transposed convolution beside the resize-convolution. Both of the same output size, with both "
    "phase-gain maps and each one's checkerboard score, on one labelled PNG sheet";

constexpr const char* footer =
    "Resize-convolution (Odena, Dumoulin & Olah, Distill 2016), exactly: per axis, upsample the input\n"
    "by the stride, nearest neighbour (u[t] = x[t / stride], PyTorch F.interpolate(mode='nearest')); pad\n"
    "it with zeros, P // 2 before and the rest after (negative: cropped), where\n"
    "  P = out - in * stride + dilation * (k - 1)\n"
    "and out is the transposed convolution's output size; then convolve as F.conv2d (no kernel flip)\n"
    "with the same kernel divided by the sum of its weights, so a flat image keeps its brightness\n"
    "(a kernel summing to 0 is refused). Each channel on its own; sums clamped and rounded as the main job.\n"
    "Checkerboard score: max/min phase gain, 1 (even) when every stride phase multiplies a flat image by\n"
    "the same factor, none (null in --json) when a phase gets no weight; a resize-convolution is always 1.\n"
    "Panels under about 256 pixels are enlarged nearest-neighbour with grid lines, as in tconv demo.\n"
    "Examples:\n"
    "  tconv compare photo.png -f 3 -s 2 -o sheet.png          # k3 s2: gains 4 2 / 2 1, score 4\n"
    "  tconv compare photo.png -f 4 -s 2 -p 1 -k bilinear -o sheet.png --json\n"
    "Exit status: 0 written; 1 the input could not be read or the sheet written; 2 usage error.";

/// A sheet needs no more than this many output pixels per panel (16 Mi).
constexpr std::int64_t max_panel_pixels = std::int64_t{1} << 24;

struct CompareOptions {
    GeometryOptions geometry;
    std::string input;
    std::string output;
    bool json = false;
    bool auto_orient = false;  ///< --auto-orient
    std::int64_t max_work = default_max_work;
    io::WriteOptions write;  ///< --no-fsync
};

/// "score 4", "score 1 (even)" or "score none": the sheet's words (bitmap_font draws them in capitals).
std::string score_caption(const core::GainSummary& s) {
    const std::optional<double> score = s.score();
    if (!score) return "score none";
    return *score <= max_even_gain_ratio ? fmt::format("score {:.3g} (even)", *score) : fmt::format("score {:.3g}", *score);
}

std::string panels_json(const pictures::CompareSheet& sheet) {
    return json_array_of(static_cast<std::int64_t>(pictures::compare_panel_names.size()), [&](std::int64_t i) {
        const auto n = static_cast<std::size_t>(i);
        JsonObject p;
        p.add_string("name", pictures::compare_panel_names[n])
            .add_integer("top", pictures::sheet_margin)
            .add_integer("left", sheet.layout.lefts[n])
            .add_integer("height", sheet.panel_sizes[n].h)
            .add_integer("width", sheet.panel_sizes[n].w)
            .add_integer("factor", sheet.factors[n]);
        return p.text();
    });
}

}  // namespace

Comparison compare(const core::Image& input, const core::Kernel& kernel, const core::Geometry& g) {
    Comparison c{core::plan_output_shape(input.size(), g),
                 {},
                 core::gain_summary(kernel, g.stride, g.dilation),
                 core::resize_conv_gain_summary(g.stride),
                 core::phase_gain_table(kernel, g.stride, g.dilation),
                 core::resize_conv_gain_table(g.stride),
                 {}};
    const core::Extent2 in = c.shape.in(), out = c.shape.out();
    if (core::checked_mul(out.h, out.w) > max_panel_pixels)
        throw core::InvalidParams(
            fmt::format("the output would be {} pixels, over the sheet's limit of {}", extent_text(out), max_panel_pixels));
    c.resize = core::plan_resize_conv(c.shape);
    const std::string phases = fmt::format("{} phases", extent_text(g.stride));
    c.sheet = pictures::compose_compare_sheet({input,
                                               core::transposed_conv(input, kernel, c.shape, 1),
                                               core::resize_conv(input, kernel, c.resize),
                                               c.tconv_table,
                                               c.resize_table,
                                               {c.shape.rows.crop_begin, c.shape.cols.crop_begin},
                                               {{{"input", extent_text(in)},
                                                 {"transposed conv", extent_text(out), score_caption(c.tconv_summary)},
                                                 {"resize-conv", extent_text(out), score_caption(c.resize_summary)},
                                                 {"tconv gains", phases, score_caption(c.tconv_summary)},
                                                 {"resize gains", phases, score_caption(c.resize_summary)}}}});
    return c;
}

namespace {

int run_compare(const CompareOptions& o) {
    const GeometryPlan plan = plan_geometry(o.geometry, o.max_work);
    const core::Geometry& g = plan.geometry;
    as_usage_error("--kernel", [&] {
        core::require_brightness_scale(plan.kernel);
        return 0;
    });
    require_png_output(o.output);
    check_output_path(o.output);
    refuse_overwriting_inputs({o.output}, {o.input});
    // Asked for once before reading, so that a stride with no printable table is a usage error.
    as_usage_error("--stride", [&] { return core::phase_gain_table(plan.kernel, g.stride, g.dilation); });

    return with_single_input_errors(o.input, o.output, [&] {
        io::LoadedImage loaded = io::load_image_8_bit(o.input, io::LoadLimits{});
        std::vector<std::string> warnings = load_warnings(o.input, loaded);
        const core::Image input = oriented_image(o.input, std::move(loaded.image), loaded.orientation, o.auto_orient, warnings);
        for (const std::string& line : warnings) fmt::print(stderr, "{}\n", line);
        // Both convolutions by their definitions: every input sample (transposed) and every output
        // sample (resize-convolution) times every tap.
        const std::int64_t tconv_work = core::conv_multiply_adds(input.size(), input.channels, plan.kernel.size);
        const std::int64_t resize_work =
            core::conv_multiply_adds(core::plan_output_shape(input.size(), g).out(), input.channels, plan.kernel.size);
        if (const std::int64_t work = tconv_work > INT64_MAX - resize_work ? INT64_MAX : tconv_work + resize_work;
            work > o.max_work)
            throw core::InvalidParams(work_limit_reason(work, o.max_work));
        const Comparison c = compare(input, plan.kernel, g);
        const core::OutputShape& shape = c.shape;
        const core::ResizeConvShape& resize = c.resize;
        const core::GainSummary &tconv_summary = c.tconv_summary, &resize_summary = c.resize_summary;
        const pictures::CompareSheet& sheet = c.sheet;
        const core::Extent2 in = shape.in(), out = shape.out();
        io::write_file_atomically(o.output, io::encode_png(sheet.sheet), o.write);

        if (o.json) {
            JsonObject json;
            json.add_path("input", o.input)
                .add_path("output", o.output)
                .add_integer("in_width", in.w)
                .add_integer("in_height", in.h)
                .add_integer("channels", input.channels)
                .add_integer("out_width", out.w)
                .add_integer("out_height", out.h)
                .add_string("formula", shape_formula(shape))
                .add_json("tconv_score", score_json(tconv_summary))
                .add_json("resize_score", score_json(resize_summary))
                .add_json("gains", gains_json(gain_rows(c.tconv_table)))
                .add_json("resize_gains", gains_json(gain_rows(c.resize_table)))
                .add_number("mean_gain", tconv_summary.mean)
                .add_json("resize_pad", fmt::format("[{},{},{},{}]", resize.rows.pad_begin, resize.rows.pad_end,
                                                    resize.cols.pad_begin, resize.cols.pad_end))
                .add_integer("sheet_width", sheet.sheet.width)
                .add_integer("sheet_height", sheet.sheet.height)
                .add_json("panels", panels_json(sheet))
                .add_bool("ok", true);
            fmt::print("{}\n", json.text());
            return exit_ok;
        }
        fmt::print("{}: {} -> {} (HxW); {}; sheet {}\n", o.output, extent_text(in), extent_text(out), shape_formula(shape),
                   extent_text(sheet.sheet.size()));
        fmt::print("transposed convolution: checkerboard score (max/min phase gain) {}; mean gain {:g}\n",
                   score_text(tconv_summary), tconv_summary.mean);
        const double kernel_sum = std::accumulate(plan.kernel.weights.begin(), plan.kernel.weights.end(), 0.0);
        fmt::print(
            "resize-convolution: nearest-neighbour upsampling by {} to {}, zeros {},{} rows and {},{} columns "
            "before,after (negative: cropped), then the kernel / {:g}: checkerboard score {} (even)\n",
            extent_text(g.stride), extent_text({resize.rows.upsampled, resize.cols.upsampled}), resize.rows.pad_begin,
            resize.rows.pad_end, resize.cols.pad_begin, resize.cols.pad_end, kernel_sum, score_text(resize_summary));
        return exit_ok;
    });
}

}  // namespace

Command add_compare_command(CLI::App& parent) {
    auto options = std::make_shared<CompareOptions>();
    CLI::App* app = parent.add_subcommand("compare", description);
    app->footer(footer);
    app->add_option("INPUT", options->input,
                    fmt::format("Input image; - reads stdin. Formats, from the first bytes: {} (an animation's first frame)",
                                io::readable_formats))
        ->type_name("FILE")
        ->required();
    add_geometry_options(*app, options->geometry);
    app->add_option("-o,--output", options->output, "The sheet: a PNG file")->type_name("SHEET.png")->required();
    app->add_flag("--json", options->json,
                  "Print one JSON object. Sizes, tconv_score and resize_score (max/min phase gain, null when a phase "
                  "gets no weight), gains and resize_gains (rows of numbers), resize_pad (top,bottom,left,right), "
                  "and each panel's place on the sheet");
    add_auto_orient_flag(*app, options->auto_orient);
    add_max_work_option(*app, options->max_work);
    add_write_options(*app, options->write);
    return {app, [options] { return run_compare(*options); }};
}

}  // namespace tconv::cli
