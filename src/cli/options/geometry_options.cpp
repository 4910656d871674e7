// Geometry options: declared once for every command, parsed by core's whole-token parsers.
#include "cli/options/geometry_options.hpp"

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "cli/options/rejected_value.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/extent_text.hpp"
#include "core/conv/conv_work.hpp"
#include "core/conv/scale_geometry.hpp"
#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"
#include "io/io_error.hpp"
#include "io/layers/text_file.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

/// The edge modes' names from the core's own table, joined by `separator` and, before the last one,
/// by `last` ("zero|replicate|reflect", "zero, replicate or reflect").
std::string edge_mode_names(std::string_view separator, std::string_view last) {
    std::string names;
    for (std::size_t i = 0; i < core::all_edge_modes.size(); ++i)
        names += fmt::format("{}{}",
                             i == 0                                 ? ""
                             : i + 1 == core::all_edge_modes.size() ? last
                                                                    : separator,
                             core::edge_mode_name(core::all_edge_modes[i]));
    return names;
}

bool given(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

/// --scale S: the filter size, stride, padding and edge of core::scale_geometry's recipe for `spec`;
/// an edge given with --edge stays.
void apply_scale(const GeometryOptions& o, const core::KernelSpec& spec, std::optional<core::Extent2>& size, core::Geometry& g) {
    for (const auto& [option, name] :
         {std::pair{o.declared.filter_size, "-f"}, std::pair{o.declared.stride, "-s"}, std::pair{o.declared.padding, "-p"},
          std::pair{o.declared.dilation, "--dilation"}, std::pair{o.declared.output_padding, "--output-padding"}})
        if (given(option))
            throw UsageError("--scale",
                             fmt::format("sets the filter size, stride and padding itself: give either --scale or {}", name));
    const core::Extent2 s = as_usage_error("--scale", [&] { return core::parse_extent(o.scale, 1); });
    const std::optional<core::ScaleGeometry> recipe = core::scale_geometry(spec.kind, s);
    if (!recipe) throw UsageError("--scale", "goes with -k bilinear or -k ones; for other kernels give -f, -s and -p");
    size = recipe->kernel;
    g.stride = recipe->stride;
    g.padding = recipe->padding;
    if (recipe->edge && o.edge.empty()) g.edge = *recipe->edge;
}

/// Throws UsageError when a kernel of `kernel` taps would take more than `max_work` multiply-adds on
/// the smallest input, 1x1 with one channel, whatever its weights: such a kernel is not built.
void refuse_work_on_one_pixel(core::Extent2 kernel, core::Geometry g, std::int64_t max_work) {
    g.kernel = kernel;
    core::OutputShape shape;
    try {
        shape = core::plan_output_shape({1, 1}, g);
    } catch (const core::InvalidParams&) {
        return;  // no output from one pixel: the inputs that have one are checked as they are read
    }
    const std::int64_t least = core::least_multiply_adds_of_any_kernel({1, 1}, kernel, shape.out());
    if (least > max_work)
        throw UsageError(
            fmt::format("--max-work {}", max_work),
            fmt::format("a {} kernel takes at least {} multiply-adds even on a 1x1 input", extent_text(kernel), least));
}

}  // namespace

void add_geometry_options(CLI::App& app, GeometryOptions& o, bool with_kernel) {
    o.declared.filter_size =
        app.add_option("-f,--filter-size", o.filter_size,
                       "Kernel size: K or KHxKW (rows x columns). Without it: 3; 2*stride - stride%2 with -k bilinear; "
                       "the size of a -k matrix")
            ->type_name("K|KHxKW");
    o.declared.stride = app.add_option("-s,--stride", o.stride, "Stride S or SHxSW: input pixels land S output pixels apart")
                            ->type_name("S|SHxSW")
                            ->capture_default_str();
    o.declared.padding =
        app.add_option(
               "-p,--padding", o.padding,
               "Rows and columns cropped from the output's borders. P or PHxPW from each side (PyTorch, the article); T,L,B,R "
               "from top,left,bottom,right (ONNX pads); 'valid' or 'same' (Keras Conv2DTranspose)")
            ->type_name("P|PHxPW|T,L,B,R|valid|same")
            ->capture_default_str();
    o.declared.output_padding =
        app.add_option("--output-padding", o.output_padding,
                       "Extra rows/cols at the bottom/right: N or NHxNW. Each < max(stride, dilation); without it 0, or "
                       "Keras' default with valid/same")
            ->type_name("N|NHxNW");
    o.declared.dilation = app.add_option("--dilation", o.dilation, "Kernel dilation D or DHxDW: taps D pixels apart")
                              ->type_name("D|DHxDW")
                              ->capture_default_str();
    if (with_kernel)
        o.declared.kernel =
            app.add_option("-k,--kernel", o.kernel,
                           "The kernel's weights: ones, bilinear, gaussian, a matrix or @FILE. 'ones' (the article's transparent "
                           "filter), 'bilinear' (FCN upsampling: "
                           "k = 2*stride - stride%2 interpolates), 'gaussian' (binomial rows, e.g. 1,2,1 for k=3) or "
                           "'gaussian:SIGMA' (sampled, SIGMA in pixels), both scaled to sum to stride_h*stride_w so "
                           "brightness is kept; an inline matrix \"1,2,1;2,4,2;1,2,1\" (rows split by ';', columns "
                           "by ','), or @FILE (rows on lines, numbers split by spaces or commas, # comments)")
                ->type_name("SPEC")
                ->capture_default_str();
}

void add_upsampling_options(CLI::App& app, GeometryOptions& o) {
    app.add_option("--edge", o.edge,
                   "What lies beyond the input's borders: zero, replicate or reflect. 'zero' (PyTorch's conv_transpose2d: where "
                   "the kernel "
                   "reaches past the border it adds nothing, so the outer rows and columns come out darker), "
                   "'replicate' (the border pixel repeated, numpy.pad 'edge') or 'reflect' (mirrored about the "
                   "border pixel, numpy.pad 'reflect'). Without it: zero; replicate with --scale")
        ->type_name(edge_mode_names("|", "|"));
    app.add_option("--scale", o.scale,
                   "Upsample S times: S or SHxSW, whole numbers. With -k bilinear (the default with --scale) "
                   "k = 2S - S%2, padding S/2 (rounded down) and --edge replicate, which is bilinear "
                   "interpolation (PyTorch interpolate, align_corners=False); with -k ones k = S, padding 0 "
                   "(nearest neighbour). An image with alpha is resized with premultiplied alpha, as ImageMagick's "
                   "-resize does (--alpha straight: F.interpolate on every channel). Sets -f, -s and -p, so not with "
                   "them. HxW counts the rows and columns of the pixels used: the stored ones of a sideways photo "
                   "unless --auto-orient")
        ->type_name("S|SHxSW");
}

GeometryPlan plan_geometry(const GeometryOptions& o, std::int64_t max_work) {
    GeometryPlan plan;
    core::Geometry& g = plan.geometry;
    if (!o.edge.empty()) {
        const auto edge = core::parse_edge_mode(o.edge);
        if (!edge)
            throw UsageError("--edge", fmt::format("'{}' is not an edge mode ({})", o.edge, edge_mode_names(", ", " or ")));
        g.edge = *edge;
    }
    g.stride = as_usage_error("--stride", [&] { return core::parse_extent(o.stride, 1); });
    g.dilation = as_usage_error("--dilation", [&] { return core::parse_extent(o.dilation, 1); });
    try {
        g.padding = core::parse_padding(o.padding);
    } catch (const core::InvalidParams& e) {
        throw UsageError("--padding", padding_reason(o.padding, e.what()));
    }
    if (!o.output_padding.empty())
        g.output_padding = as_usage_error("--output-padding", [&] { return core::parse_extent(o.output_padding, 0); });
    std::optional<core::Extent2> size;
    if (!o.filter_size.empty()) size = as_usage_error("--filter-size", [&] { return core::parse_extent(o.filter_size, 1); });

    // --scale's kernel is bilinear unless -k says otherwise.
    plan.kernel_spec = !o.scale.empty() && !given(o.declared.kernel) ? "bilinear" : o.kernel;
    core::KernelSpec spec;
    if (plan.kernel_spec.starts_with("@")) {
        const std::string path = plan.kernel_spec.substr(1);
        try {
            spec.kind = core::KernelKind::Matrix;
            spec.matrix = io::read_kernel_file(path);
        } catch (const io::IoError& e) {
            throw UsageError("--kernel " + io::quoted_text(e.file()), kernel_file_reason(e.what()));
        }
    } else {
        spec = as_usage_error("--kernel", [&] { return core::parse_kernel_spec(plan.kernel_spec); });
    }
    if (!o.scale.empty()) apply_scale(o, spec, size, g);
    if (!size && spec.kind == core::KernelKind::Bilinear) size = core::interpolating_bilinear_size(g.stride);
    refuse_work_on_one_pixel(spec.kind == core::KernelKind::Matrix ? spec.matrix.size : size.value_or(core::Extent2{3, 3}), g,
                             max_work);
    plan.kernel = as_usage_error("--kernel", [&] { return core::make_kernel(spec, size, g.stride); });
    g.kernel = plan.kernel.size;
    as_usage_error("--output-padding", [&] {  // the only check left after parsing
        core::validate_geometry(g);
        return 0;
    });
    return plan;
}

}  // namespace tconv::cli
