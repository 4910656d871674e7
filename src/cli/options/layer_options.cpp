// The layer options: declared with their help, checked together, the layer file read once.
#include "cli/options/layer_options.hpp"

#include <fmt/format.h>

#include "cli/options/integer_option.hpp"
#include "cli/options/keras_layer_geometry.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/report.hpp"
#include "core/errors.hpp"
#include "core/image/channel_conversion.hpp"
#include "core/layer/conv_layer_check.hpp"
#include "io/io_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

bool given(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

core::Extent2 pair_of(const std::optional<std::vector<std::int64_t>>& v, std::int64_t fallback) {
    return v ? core::Extent2{(*v)[0], (*v)[1]} : core::Extent2{fallback, fallback};
}

/// The node's attributes with ONNX's defaults; throws UsageError for an auto_pad tconv does not know.
core::OnnxAttributes onnx_attributes(const io::OnnxGeometry& g, const std::string& spec) {
    core::OnnxAttributes a;
    a.stride = pair_of(g.strides, 1);
    a.dilation = pair_of(g.dilations, 1);
    a.output_padding = pair_of(g.output_padding, 0);
    if (g.pads) a.pads = {(*g.pads)[0], (*g.pads)[1], (*g.pads)[2], (*g.pads)[3]};
    if (g.output_shape) a.output_shape = core::Extent2{(*g.output_shape)[0], (*g.output_shape)[1]};
    const std::string pad = g.auto_pad.value_or("NOTSET");
    if (pad == "SAME_UPPER")
        a.auto_pad = core::OnnxAutoPad::SameUpper;
    else if (pad == "SAME_LOWER")
        a.auto_pad = core::OnnxAutoPad::SameLower;
    else if (pad == "VALID")
        a.auto_pad = core::OnnxAutoPad::Valid;
    else if (pad != "NOTSET")
        throw UsageError(
            "--layer " + io::quoted_text(spec),
            fmt::format("the ONNX node's auto_pad {} is not NOTSET, SAME_UPPER, SAME_LOWER or VALID", io::quoted_name(pad)));
    return a;
}

/// UsageError when a geometry option given on the command line says other than the ONNX node.
void check_against_onnx(const GeometryOptions& o, const core::Geometry& typed, const core::OnnxAttributes& a) {
    if (given(o.declared.stride) && typed.stride != a.stride)
        throw UsageError("--stride",
                         fmt::format("the ONNX node has strides {}x{}, --stride says {}", a.stride.h, a.stride.w, o.stride));
    if (given(o.declared.dilation) && typed.dilation != a.dilation)
        throw UsageError("--dilation", fmt::format("the ONNX node has dilations {}x{}, --dilation says {}", a.dilation.h,
                                                   a.dilation.w, o.dilation));
    if (given(o.declared.output_padding) && typed.output_padding.value_or(core::Extent2{0, 0}) != a.output_padding)
        throw UsageError("--output-padding", fmt::format("the ONNX node has output_padding {}x{}, --output-padding says {}",
                                                         a.output_padding.h, a.output_padding.w, o.output_padding));
    if (!given(o.declared.padding)) return;
    if (a.auto_pad != core::OnnxAutoPad::NotSet || a.output_shape)
        throw UsageError("--padding", fmt::format("the ONNX node sets its padding by {}, --padding says {}",
                                                  a.output_shape ? "output_shape" : "auto_pad", o.padding));
    if (typed.padding != core::Padding{core::PaddingMode::Explicit, a.pads[0], a.pads[1], a.pads[2], a.pads[3]})
        throw UsageError("--padding", fmt::format("the ONNX node has pads {},{},{},{}, --padding says {}", a.pads[0], a.pads[1],
                                                  a.pads[2], a.pads[3], o.padding));
}

}  // namespace

core::Geometry layer_geometry(const LayerJob& job, core::Extent2 in) {
    if (!job.onnx) return job.geometry;
    return core::onnx_geometry(*job.onnx, job.file.layer.kernel, in, job.geometry.edge);
}

void add_layer_options(CLI::App& app, LayerOptions& o) {
    app.add_option("--layer", o.layer,
                   "Apply a trained ConvTranspose2d instead of one kernel per channel. It replaces -k and -f, the kernel "
                   "size being the layer's: W.npy (the weight, shape (C_in, C_out/groups, kH, kW) as PyTorch holds it), "
                   "FILE.safetensors (tensors weight and bias) or FILE.safetensors:PREFIX (PREFIX.weight, PREFIX.bias), or "
                   "FILE.onnx[:NODE] (a ConvTranspose node, whose attributes give the geometry: -s, -p, --dilation, "
                   "--output-padding and --groups may only repeat them), or a Keras Conv2DTranspose: FILE.keras[:LAYER] "
                   "(Keras 3), FILE.h5[:LAYER] (tf.keras 2) or model.json[:LAYER] (TensorFlow.js, its weight shards "
                   "beside it), whose config gives the geometry (the same rule) and the activation after the bias. "
                   "The input's channels must be C_in (or see --channels); the output has C_out channels, written as "
                   "grey, grey+alpha, RGB or RGBA for 1 to 4, other counts only as .npy or with --feature-maps. .npy "
                   "inputs go in with their values as they are, any number of channels")
        ->type_name("FILE[:PREFIX|:NODE|:LAYER]");
    app.add_option("--bias", o.bias, "With --layer: the bias, a .npy of shape (C_out,). For a layer file that has none")
        ->type_name("FILE.npy");
    app.add_option("--groups", o.groups, "With --layer: the layer's groups (C_in and C_out multiples of it)")
        ->type_name("G")
        ->default_str(std::to_string(core::ConvLayer{}.groups))
        ->transform(decimal_integer(1, 65536));
    app.add_option("--channels", o.channels,
                   "With --layer: convert each image to gray, rgb or rgba first. Gray: round(0.299 R + 0.587 G + 0.114 "
                   "B); rgb or rgba: an opaque alpha added, an alpha dropped with a warning")
        ->type_name("gray|rgb|rgba");
    app.add_option("--range", o.range,
                   "With --layer: the range of values the layer expects. 0,255 (samples as they are), 0,1 (x / 255 in, y * 255 "
                   "out) or -1,1 (2x / 255 - 1 in, (y + 1) * 255 / 2 out), then clamped and rounded")
        ->type_name("0,255|0,1|-1,1")
        ->default_str(std::string(core::sample_range_name(LayerJob{}.range)));
    app.add_flag(
        "--feature-maps", o.feature_maps,
        "With --layer: write a sheet of the output channels instead. One grey tile per output channel, each stretched from "
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
        throw UsageError("--layer " + io::quoted_text(e.file().empty() ? o.layer : e.file()), e.what());
    }
    try {
        core::validate_conv_layer(job.file.layer);
    } catch (const core::InvalidParams& e) {
        throw UsageError("--layer " + io::quoted_text(o.layer), e.what());
    }
    // The geometry options as the main job parses them, with the layer's kernel size as -f.
    GeometryOptions with_kernel = geometry;
    const core::Extent2 k = job.file.layer.kernel;
    with_kernel.filter_size = fmt::format("{}x{}", k.h, k.w);
    with_kernel.kernel = "ones";
    if (job.file.keras) {
        // An --output-padding that repeats the layer's is checked against its strides, not the default.
        const io::KerasGeometry& keras = *job.file.keras;
        if (!given(geometry.declared.stride)) with_kernel.stride = fmt::format("{}x{}", keras.strides[0], keras.strides[1]);
        if (!given(geometry.declared.dilation))
            with_kernel.dilation = fmt::format("{}x{}", keras.dilation_rate[0], keras.dilation_rate[1]);
    }
    job.geometry = plan_geometry(with_kernel).geometry;
    if (job.file.onnx) {
        const io::OnnxGeometry& node = *job.file.onnx;
        if (o.groups != 0 && o.groups != node.group.value_or(1))
            throw UsageError("--groups",
                             fmt::format("the ONNX node has group {}, --groups says {}", node.group.value_or(1), o.groups));
        job.onnx = onnx_attributes(node, o.layer);
        check_against_onnx(geometry, job.geometry, *job.onnx);
        if (!core::onnx_pads_depend_on_input(*job.onnx)) {
            // Fixed pads: one geometry for every input, checked now.
            job.geometry = as_usage_error("--layer " + io::quoted_text(o.layer), [&] {
                return core::onnx_geometry(*job.onnx, k, {1, 1}, job.geometry.edge);
            });
            job.onnx.reset();
        }
    }
    if (job.file.keras) job.geometry = keras_layer_geometry(*job.file.keras, geometry, job.geometry, o.layer);
    job.setup = fmt::format("{}; {}", job.file.description, conv_setup_text("layer", job.geometry));
    return job;
}

}  // namespace tconv::cli
