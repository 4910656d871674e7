// Report lines: the formula of the brief with the numbers filled in, for humans and for JSON, and the
// strategy the planner chose.
#include "cli/report/report.hpp"

#include <fmt/format.h>

#include "cli/report/diagnostics.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/json_writer.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {

std::string axis_formula(const core::AxisShape& a) {
    const std::string crop =
        a.crop_begin == a.crop_end ? fmt::format("2 * {}", a.crop_begin) : fmt::format("({} + {})", a.crop_begin, a.crop_end);
    return fmt::format("({} - 1) * {} - {} + {} * ({} - 1) + {} + 1 = {}", a.in, a.stride, crop, a.dilation, a.kernel,
                       a.output_padding, a.out);
}

std::string shape_formula(const core::OutputShape& s) {
    const std::string r = axis_formula(s.rows);
    const std::string c = axis_formula(s.cols);
    if (r == c) return "out = " + r;
    return fmt::format("rows: out = {}; cols: out = {}", r, c);
}

std::string human_line(const InputReport& r) {
    return fmt::format("{} -> {}: {} -> {} (HxW, {} channel{}{}); {}", io::quoted_text(r.input), io::quoted_text(r.output),
                       extent_text(r.shape->in()), extent_text(r.shape->out()), r.channels, r.channels == 1 ? "" : "s",
                       r.depth == 16 ? ", 16-bit" : "", shape_formula(*r.shape));
}

std::string json_line(const InputReport& r) {
    std::optional<std::int64_t> in_h, in_w, out_h, out_w, channels, depth;
    if (r.in_size) in_h = r.in_size->h, in_w = r.in_size->w;
    if (r.shape) out_h = r.shape->rows.out, out_w = r.shape->cols.out;
    if (r.channels) channels = r.channels;
    if (r.depth) depth = r.depth;
    JsonObject json;
    json.add_path("input", r.input)
        .add_path("output", r.output)
        .add_bool("ok", r.ok)
        .add_integer("in_width", in_w)
        .add_integer("in_height", in_h)
        .add_integer("channels", channels)
        .add_integer("depth", depth)
        .add_integer("out_width", out_w)
        .add_integer("out_height", out_h);
    if (r.shape) json.add_string("formula", shape_formula(*r.shape));
    if (r.plan)
        json.add_string("strategy", r.plan->name()).add_string("strategy_reason", r.plan->reason);
    else
        json.add_null("strategy").add_null("strategy_reason");
    if (!r.ok) json.add_string("error", r.error);
    return json.text();
}

std::string conv_setup_text(std::string_view kernel_spec, const core::Geometry& geometry) {
    std::string text =
        fmt::format("{} {}, stride {}", io::quoted_text(kernel_spec), extent_text(geometry.kernel), extent_text(geometry.stride));
    if (geometry.dilation != core::Extent2{1, 1}) text += fmt::format(", dilation {}", extent_text(geometry.dilation));
    if (geometry.edge != core::EdgeMode::Zero) text += fmt::format(", edge {}", core::edge_mode_name(geometry.edge));
    return text;
}

std::string strategy_line(const InputReport& r, std::string_view setup) {
    std::string line = fmt::format("strategy {} ({}: {})", r.plan->name(), setup, r.plan->reason);
    if (!r.source.empty()) line += fmt::format("; read: {}; written: {}", r.source, r.sink);
    return note_line(io::quoted_text(r.input), line);
}

}  // namespace tconv::cli
