// Geometry options: declared once for every command, parsed by core's whole-token parsers.
#include "cli/geometry_options.hpp"

#include "cli/usage_error.hpp"
#include "core/errors.hpp"
#include "core/geometry_text.hpp"
#include "io/io_error.hpp"
#include "io/text_file.hpp"

namespace tconv::cli {
void add_geometry_options(CLI::App& app, GeometryOptions& o, bool with_kernel) {
    app.add_option("-f,--filter-size", o.filter_size,
                   "Kernel size K or KHxKW (rows x columns) [default: 3, or the size of a -k matrix]")
        ->type_name("K|KHxKW");
    app.add_option("-s,--stride", o.stride, "Stride S or SHxSW: input pixels land S output pixels apart [default: 1]")
        ->type_name("S|SHxSW");
    app.add_option("-p,--padding", o.padding,
                   "Padding: P or PHxPW rows/cols cropped from each side (PyTorch, the article); T,L,B,R "
                   "cropped from top,left,bottom,right (ONNX pads); 'valid' or 'same' (Keras Conv2DTranspose) "
                   "[default: 0]")
        ->type_name("P|PHxPW|T,L,B,R|valid|same");
    app.add_option("--output-padding", o.output_padding,
                   "Extra rows/cols at the bottom/right, N or NHxNW, each < max(stride, dilation) "
                   "[default: 0; with valid/same, Keras' default]")
        ->type_name("N|NHxNW");
    app.add_option("--dilation", o.dilation, "Kernel dilation D or DHxDW: taps D pixels apart [default: 1]")
        ->type_name("D|DHxDW");
    if (with_kernel)
        app.add_option("-k,--kernel", o.kernel,
                       "Kernel: 'ones' (the article's transparent filter), 'bilinear' (FCN upsampling: "
                       "k = 2*stride - stride%2 interpolates), 'gaussian' (binomial rows, e.g. 1,2,1 for k=3) or "
                       "'gaussian:SIGMA' (sampled, SIGMA in pixels), both scaled to sum to stride_h*stride_w so "
                       "brightness is kept; an inline matrix \"1,2,1;2,4,2;1,2,1\" (rows split by ';', columns "
                       "by ','), or @FILE (rows on lines, numbers split by spaces or commas, # comments) "
                       "[default: ones]")
            ->type_name("SPEC");
}

GeometryPlan plan_geometry(const GeometryOptions& o) {
    GeometryPlan plan;
    core::Geometry& g = plan.geometry;
    g.stride = as_usage_error("--stride", [&] { return core::parse_extent(o.stride, 1); });
    g.dilation = as_usage_error("--dilation", [&] { return core::parse_extent(o.dilation, 1); });
    g.padding = as_usage_error("--padding", [&] { return core::parse_padding(o.padding); });
    if (!o.output_padding.empty())
        g.output_padding = as_usage_error("--output-padding", [&] { return core::parse_extent(o.output_padding, 0); });
    std::optional<core::Extent2> size;
    if (!o.filter_size.empty()) size = as_usage_error("--filter-size", [&] { return core::parse_extent(o.filter_size, 1); });

    core::KernelSpec spec;
    if (o.kernel.starts_with("@")) {
        const std::string path = o.kernel.substr(1);
        try {
            spec.kind = core::KernelKind::Matrix;
            spec.matrix = io::read_kernel_file(path);
        } catch (const io::IoError& e) {
            throw UsageError("--kernel " + e.file(), e.what());
        }
    } else {
        spec = as_usage_error("--kernel", [&] { return core::parse_kernel_spec(o.kernel); });
    }
    plan.kernel = as_usage_error("--kernel", [&] { return core::make_kernel(spec, size, g.stride); });
    g.kernel = plan.kernel.size;
    as_usage_error("--output-padding", [&] {  // the only check left after parsing
        core::validate_geometry(g);
        return 0;
    });
    return plan;
}

}  // namespace tconv::cli
