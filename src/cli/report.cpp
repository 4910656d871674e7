// Report lines: the formula of the brief with the numbers filled in, for humans and for JSON.
#include "cli/report.hpp"

#include <fmt/format.h>

namespace tconv::cli {

std::string axis_formula(const core::AxisShape& a) {
    const std::string crop = a.crop_begin == a.crop_end ? fmt::format("2 * {}", a.crop_begin)
                                                        : fmt::format("({} + {})", a.crop_begin, a.crop_end);
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
    const core::Extent2 in = r.shape->in();
    const core::Extent2 out = r.shape->out();
    return fmt::format("{} -> {}: {}x{} -> {}x{} (HxW, {} channel{}); {}", r.input, r.output, in.h, in.w, out.h, out.w,
                       r.channels, r.channels == 1 ? "" : "s", shape_formula(*r.shape));
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) out += fmt::format("\\u{:04x}", c);
                else out += ch;
        }
    }
    return out + "\"";
}

std::string json_line(const InputReport& r) {
    auto number = [](std::optional<std::int64_t> v) { return v ? std::to_string(*v) : std::string("null"); };
    std::optional<std::int64_t> ih, iw, oh, ow;
    if (r.in_size) ih = r.in_size->h, iw = r.in_size->w;
    if (r.shape) oh = r.shape->rows.out, ow = r.shape->cols.out;
    std::string line = fmt::format(
        "{{\"input\":{},\"output\":{},\"ok\":{},\"in_width\":{},\"in_height\":{},\"channels\":{},\"out_width\":{},"
        "\"out_height\":{}",
        json_string(r.input), json_string(r.output), r.ok ? "true" : "false", number(iw), number(ih),
        r.channels ? std::to_string(r.channels) : "null", number(ow), number(oh));
    if (r.shape) line += fmt::format(",\"formula\":{}", json_string(shape_formula(*r.shape)));
    if (!r.ok) line += fmt::format(",\"error\":{}", json_string(r.error));
    return line + "}";
}

}  // namespace tconv::cli
