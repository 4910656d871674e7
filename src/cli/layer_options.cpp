// The layer options: declared with their help, checked together, the layer file read once.
#include "cli/layer_options.hpp"

#include <fmt/format.h>

#include "cli/integer_option.hpp"
#include "cli/quoted_text.hpp"
#include "cli/report.hpp"
#include "cli/usage_error.hpp"
#include "core/channel_conversion.hpp"
#include "core/conv_layer_check.hpp"
#include "core/errors.hpp"
#include "io/io_error.hpp"

namespace tconv::cli {
namespace {

bool given(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

}  // namespace

void add_layer_options(CLI::App& app, LayerOptions& o) {
    app.add_option("--layer", o.layer,
                   "Apply a trained ConvTranspose2d instead of one kernel per channel (replaces -k and -f: the kernel "
                   "size is the layer's): W.npy (the weight, shape (C_in, C_out/groups, kH, kW) as PyTorch holds it), "
                   "FILE.safetensors (tensors weight and bias) or FILE.safetensors:PREFIX (PREFIX.weight, PREFIX.bias). "
                   "The input's channels must be C_in (or see --channels); the output has C_out channels, written as "
                   "grey, grey+alpha, RGB or RGBA for 1 to 4, other counts only as .npy or with --feature-maps. .npy "
                   "inputs go in with their values as they are, any number of channels")
        ->type_name("FILE[:PREFIX]");
    app.add_option("--bias", o.bias, "With --layer: the bias, a .npy of shape (C_out,) (for a file that has none)")
        ->type_name("FILE.npy");
    app.add_option("--groups", o.groups, "With --layer: the layer's groups (C_in and C_out multiples of it) [default: 1]")
        ->type_name("G")
        ->transform(decimal_integer(1, 65536));
    app.add_option("--channels", o.channels,
                   "With --layer: convert each image first: gray (round(0.299 R + 0.587 G + 0.114 B)), rgb or rgba "
                   "(an opaque alpha added; an alpha dropped with a warning)")
        ->type_name("gray|rgb|rgba");
    app.add_option("--range", o.range,
                   "With --layer: the values the layer expects: 0,255 (samples as they are), 0,1 (x / 255 in, y * 255 "
                   "out) or -1,1 (2x / 255 - 1 in, (y + 1) * 255 / 2 out), then clamped and rounded [default: 0,255]")
        ->type_name("0,255|0,1|-1,1");
    app.add_flag("--feature-maps", o.feature_maps,
                 "With --layer: write a contact sheet instead, one grey tile per output channel, each stretched from "
                 "its own min to its max, printed under it");
}

std::optional<LayerJob> plan_layer_job(const LayerOptions& o, const GeometryOptions& geometry) {
    if (o.layer.empty()) {
        const std::pair<bool, const char*> others[] = {{!o.bias.empty(), "--bias"},
                                                       {o.groups != 0, "--groups"},
                                                       {!o.channels.empty(), "--channels"},
                                                       {!o.range.empty(), "--range"},
                                                       {o.feature_maps, "--feature-maps"}};
        for (const auto& [is_given, name] : others)
            if (is_given) throw UsageError(name, "goes with --layer");
        return std::nullopt;
    }
    if (given(geometry.declared.kernel)) throw UsageError("--kernel", "not with --layer: the layer holds the kernel");
    if (given(geometry.declared.filter_size))
        throw UsageError("--filter-size", "not with --layer: the kernel size is the layer's");
    if (!geometry.scale.empty()) throw UsageError("--scale", "not with --layer: give -s and -p for the layer");
    LayerJob job;
    job.spec = o.layer;
    if (!o.channels.empty()) {
        job.channels = core::parse_channel_target(o.channels);
        if (!job.channels) throw UsageError("--channels", fmt::format("'{}' is not gray, rgb or rgba", o.channels));
    }
    if (!o.range.empty()) {
        const auto range = core::parse_sample_range(o.range);
        if (!range) throw UsageError("--range", fmt::format("'{}' is not 0,255, 0,1 or -1,1", o.range));
        job.range = *range;
    }
    job.feature_maps = o.feature_maps;
    try {
        job.file = io::load_layer_file(o.layer, o.bias, o.groups);
    } catch (const io::IoError& e) {
        throw UsageError("--layer " + quoted_text(e.file().empty() ? o.layer : e.file()), e.what());
    }
    try {
        core::validate_conv_layer(job.file.layer);
    } catch (const core::InvalidParams& e) {
        throw UsageError("--layer " + quoted_text(o.layer), e.what());
    }
    // The geometry options as the main job parses them, with the layer's kernel size as -f.
    GeometryOptions with_kernel = geometry;
    const core::Extent2 k = job.file.layer.kernel;
    with_kernel.filter_size = fmt::format("{}x{}", k.h, k.w);
    with_kernel.kernel = "ones";
    job.geometry = plan_geometry(with_kernel).geometry;
    job.setup = fmt::format("{}; {}", job.file.description, conv_setup_text("layer", job.geometry));
    return job;
}

}  // namespace tconv::cli
