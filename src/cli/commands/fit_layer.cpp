// `tconv fit --layer`: plan (the layer's kernel from -f or --init FILE) -> load every pair, one channel
// count for all inputs and one for all targets -> the initial layer -> core::fit_layer -> the
// .safetensors or .keras file -> report.
#include "cli/commands/fit_layer.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/options/input_list.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/json_writer.hpp"
#include "cli/report/report_stream.hpp"
#include "core/errors.hpp"
#include "core/fit/layer_fit.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/layer/layer_plan.hpp"
#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"

namespace tconv::cli {
namespace {

/// A pair's samples for the layer fit, before the layer is known.
struct PairSamples {
    core::RealImage input;
    core::RealImage target;
};

/// The options checked and the starting file read: the geometry (kernel size from -f, or from
/// --init FILE) and that file's layer, when --init names one.
struct LayerFitPlan {
    core::Geometry geometry;
    std::optional<io::LayerFile> init;
};

LayerFitPlan plan_layer_fit(const FitOptions& o) {
    const auto format = io::layer_format_of(o.output);
    if (format != io::LayerFormat::safetensors && format != io::LayerFormat::keras)
        throw UsageError("--output " + o.output,
                         "with --layer the layer is written as .safetensors or .keras: name it LAYER.safetensors or LAYER.keras");
    // As for the main job's --layer, which applies the result: the output padding is given, not solved.
    if (!o.output_size.empty()) throw UsageError("--output-size", "not with --layer: give -s, -p and --output-padding");
    const bool generated = o.init == "zeros" || o.init == "random";
    if (o.seed_given && o.init != "random") throw UsageError("--seed", "only applies to --init random");
    LayerFitPlan plan;
    GeometryOptions g = o.geometry;
    g.kernel = "ones";  // only the size is used
    if (!generated) {
        const io::LayerSpec spec = io::split_layer_spec(o.init);
        if (!io::layer_format_of(spec.path))
            throw UsageError(
                "--init " + o.init,
                "with --layer, the start is 'zeros', 'random' or a layer file (.npy, .safetensors, .onnx, .keras, .h5, "
                ".json)");
        refuse_overwriting_inputs({o.output}, {spec.path});
        try {
            plan.init = io::load_layer_file(o.init, "", o.groups);
        } catch (const io::IoError& e) {
            throw UsageError("--init " + e.file(), e.what());
        }
        const core::Extent2 k = plan.init->layer.kernel;
        if (!o.geometry.filter_size.empty()) {
            const core::Extent2 f = plan_geometry(g).geometry.kernel;
            if (f != k)
                throw UsageError("--init " + o.init,
                                 fmt::format("its kernel is {} but -f says {}", extent_text(k), extent_text(f)));
        }
        g.filter_size = extent_text(k);
    }
    plan.geometry = plan_geometry(g).geometry;
    if (format == io::LayerFormat::keras) {
        // Keras' Conv2DTranspose knows no numeric padding and no groups.
        if (plan.geometry.padding.mode == core::PaddingMode::Explicit)
            throw UsageError("--padding", "a .keras layer pads 'valid' or 'same': give -p valid or -p same");
        if (o.groups > 1) throw UsageError("--groups", "a .keras layer has no groups");
    }
    if (plan.init && plan.init->layer.activation != core::Activation::Linear)
        throw UsageError("--init " + o.init, fmt::format("the layer's activation {} is not what fit trains (a linear layer)",
                                                         core::activation_name(plan.init->layer.activation)));
    return plan;
}

/// A valid/same geometry as a Keras config has it.
io::KerasGeometry keras_geometry(const core::Geometry& g) {
    io::KerasGeometry k;
    k.strides = {g.stride.h, g.stride.w};
    k.dilation_rate = {g.dilation.h, g.dilation.w};
    k.padding = g.padding.mode == core::PaddingMode::Same ? "same" : "valid";
    if (g.output_padding) k.output_padding = std::vector<std::int64_t>{g.output_padding->h, g.output_padding->w};
    return k;
}

/// The geometry options `tconv INPUT --layer FILE` needs to apply the layer as it was fitted.
std::string apply_text(const FitOptions& o, const core::Geometry& g) {
    std::string t = fmt::format("-s {} -p {}", option_extent_text(g.stride), o.geometry.padding);
    if (g.dilation != core::Extent2{1, 1}) t += " --dilation " + option_extent_text(g.dilation);
    if (g.output_padding) t += " --output-padding " + option_extent_text(*g.output_padding);
    return t;
}

/// The layer to start from, for C_in -> C_out: the --init file's (which must have those counts), or
/// zeros or PyTorch's random range with a bias; nullopt after printing why it cannot be.
std::optional<core::ConvLayer> initial_layer(const FitOptions& o, const LayerFitPlan& plan, int in_channels, int out_channels) {
    if (plan.init) {
        core::ConvLayer layer = plan.init->layer;
        if (layer.in_channels != in_channels || layer.out_channels != out_channels) {
            fmt::print(
                stderr, "{}\n",
                error_line("--init " + o.init, fmt::format("the layer is {} -> {} but the pairs are {} -> {} channels",
                                                           layer.in_channels, layer.out_channels, in_channels, out_channels)));
            return std::nullopt;
        }
        if (o.no_bias) layer.bias.clear();
        if (!o.no_bias && layer.bias.empty()) layer.bias.assign(static_cast<std::size_t>(out_channels), 0.0);
        return layer;
    }
    const int groups = o.groups > 0 ? o.groups : 1;
    if (in_channels % groups != 0 || out_channels % groups != 0) {
        fmt::print(stderr, "{}\n",
                   error_line(fmt::format("--groups {}", groups),
                              fmt::format("must divide both channel counts, the inputs' {} and the targets' {}", in_channels,
                                          out_channels)));
        return std::nullopt;
    }
    const core::Extent2 k = plan.geometry.kernel;
    return o.init == "random" ? core::random_layer(in_channels, out_channels, groups, k, !o.no_bias, o.seed)
                              : core::zero_layer(in_channels, out_channels, groups, k, !o.no_bias);
}

std::string json_report(const FitOptions& o, const std::vector<PairReport>& pairs, const core::LayerFitResult& r,
                        const std::string& apply) {
    const core::ConvLayer& l = r.layer;
    const auto number = [](double v) { return json_number(v); };
    JsonObject json;
    json.add_path("output", o.output)
        .add_bool("ok", true)
        .add_json("pairs", json_array(pairs, pair_json))
        .add_integer("in_channels", l.in_channels)
        .add_integer("out_channels", l.out_channels)
        .add_integer("groups", l.groups)
        .add_integer("kernel_height", l.kernel.h)
        .add_integer("kernel_width", l.kernel.w)
        .add_json("weight_shape", fmt::format("[{},{},{},{}]", l.in_channels, l.out_channels / l.groups, l.kernel.h, l.kernel.w))
        .add_json("weight", json_array(l.weight, number))
        .add_json("bias", json_array(l.bias, number))
        .add_string("apply", apply);
    return add_fit_history(json, o, r.samples, r.saturated_samples, r.loss, r.best_step).text();
}

}  // namespace

int run_fit_layer(const FitOptions& o, const std::vector<PairPaths>& pairs) {
    const LayerFitPlan plan = plan_layer_fit(o);
    std::vector<PairSamples> loaded;
    std::vector<PairReport> reports;
    std::vector<std::string> warnings;
    // The first pair fixes the channel counts of every input and every target.
    const auto take = [&](const PairPaths& p, const LoadedPair& pair) -> std::string {
        const core::Image& input = pair.input.image;
        const core::Image& target = pair.target.image;
        if (!reports.empty()) {
            const PairReport& first = reports.front();
            if (input.channels != first.channels)
                return error_line(p.input, fmt::format("has {} channels but {} has {}: one layer takes one channel count",
                                                       input.channels, first.paths.input, first.channels));
            if (target.channels != first.target_channels)
                return error_line(p.target, fmt::format("has {} channels but {} has {}: one layer gives one channel count",
                                                        target.channels, first.paths.target, first.target_channels));
        }
        loaded.push_back({core::real_image(input), core::real_image(target)});
        reports.push_back({p, input.size(), pair.shape.out(), input.channels, target.channels});
        return {};
    };
    if (!load_pairs(o, pairs, plan.geometry, std::nullopt, take, warnings)) return exit_input_failed;
    const std::optional<core::ConvLayer> initial =
        initial_layer(o, plan, reports.front().channels, reports.front().target_channels);
    if (!initial) return exit_input_failed;

    std::vector<core::LayerFitExample> examples;
    std::int64_t work_per_step = 0;  // each step runs the layer and its weight gradient
    for (PairSamples& p : loaded) {
        const core::LayerPlan layer_plan = core::plan_layer(p.input.size, p.input.channels, *initial, plan.geometry);
        work_per_step = core::saturating_add(work_per_step, core::saturating_mul(2, layer_plan.multiply_adds));
        examples.push_back({std::move(p.input), std::move(p.target), layer_plan});
    }
    if (const std::int64_t work = core::saturating_mul(work_per_step, o.steps); work > o.max_work) {
        fmt::print(stderr, "{}\n", error_line(fmt::format("--steps {}", o.steps), work_limit_reason(work, o.max_work)));
        return exit_input_failed;
    }
    for (const auto& w : warnings) fmt::print(stderr, "{}\n", w);

    core::LayerFitResult result;
    if (const auto error = run_fit_steps(o, [&](const core::FitObserver& observer) {
            result = core::fit_layer(examples, *initial, fit_settings(o), observer);
        })) {
        fmt::print(stderr, "{}\n", *error);
        return exit_input_failed;
    }

    const std::string apply = apply_text(o, plan.geometry);
    try {
        if (io::layer_format_of(o.output) == io::LayerFormat::keras)
            io::save_layer_keras(o.output, result.layer, keras_geometry(plan.geometry), o.write);
        else
            io::save_layer_safetensors(o.output, result.layer, o.write,
                                       {{"tconv_fit", fmt::format("apply with: tconv INPUT --layer FILE {}", apply)}});
    } catch (const io::IoError& e) {
        fmt::print(stderr, "{}\n", error_line(e.file(), e.what()));
        return exit_input_failed;
    }

    std::FILE* const report = report_stream(o.output);
    const core::ConvLayer& l = result.layer;
    if (o.json) {
        fmt::print(report, "{}\n", json_report(o, reports, result, apply));
    } else {
        fmt::print(report,
                   "{} -> {}: {} -> {} layer, {} kernel, groups {}, {}; {} steps; {}; {} of {} target samples saturated; "
                   "apply with --layer {} {}\n",
                   pairs_text(pairs), o.output, l.in_channels, l.out_channels, extent_text(l.kernel), l.groups,
                   l.bias.empty() ? "no bias" : "bias", o.steps, loss_text(result.loss, result.best_step),
                   result.saturated_samples, result.samples, o.output, apply);
    }
    check_report_written(report);
    return exit_ok;
}

}  // namespace tconv::cli
