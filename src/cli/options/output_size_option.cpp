// --output-size: declared and parsed once for the main job and `tconv size`.
#include "cli/options/output_size_option.hpp"

#include "cli/options/usage_error.hpp"
#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"

namespace tconv::cli {

void add_output_size_option(CLI::App& app, std::string& text) {
    app.add_option("--output-size", text,
                   "Wanted output size: N or HxW. Solves the output padding per input (PyTorch's "
                   "forward(output_size) rule: each axis must lie in [min, min + stride - 1], min being "
                   "the size with output padding 0); excludes --output-padding")
        ->type_name("N|HxW");
}

std::optional<core::Extent2> parse_output_size(const std::string& text, const GeometryOptions& geometry) {
    if (text.empty()) return std::nullopt;
    if (!geometry.output_padding.empty())
        throw UsageError("--output-size", "give either --output-size or --output-padding, not both");
    try {
        return core::parse_extent(text, 1);
    } catch (const core::InvalidParams& e) {
        throw UsageError("--output-size", e.what());
    }
}

}  // namespace tconv::cli
