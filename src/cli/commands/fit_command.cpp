// `tconv fit`: parse -> plan (geometry, initial kernel, pairs) -> load and check every pair -> fit
// (core::fit_kernel) -> write the kernel file -> report. Nothing is written unless the fit succeeds.
#include "cli/commands/fit_command.hpp"
#include "cli/commands/fit_layer.hpp"
#include "cli/commands/fit_setup.hpp"
#include "cli/options/integer_option.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/options/write_options.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/options/geometry_options.hpp"
#include "cli/options/help_formatter.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/orientation_option.hpp"
#include "cli/options/output_size_option.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/json_writer.hpp"
#include "cli/report/report_stream.hpp"
#include "cli/report/status_line.hpp"
#include "core/conv/conv_work.hpp"
#include "core/errors.hpp"
#include "core/fit/kernel_fit.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/geometry/output_size_fix.hpp"
#include "core/geometry/output_size_target.hpp"
#include "core/image/float_plane.hpp"
#include "core/image/orientation.hpp"
#include "core/layer/conv_layer.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/layers/text_file.hpp"
#include "io/output/output_file.hpp"

namespace tconv::cli {
namespace {

constexpr const char* description =
    "Learn the kernel of a transposed convolution from example pairs.\n"
    "By backpropagation: the kernel (shared by every channel, as tconv applies it) that makes `tconv INPUT [geometry] -k "
    "@KERNEL_FILE`\n"
    "reproduce TARGET as closely as possible. The geometry options mean what they mean for tconv itself;\n"
    "-f gives the kernel size (or the size of an --init matrix does). Sizes are HxW (rows x columns).\n"
    "\n"
    "Loss: the mean squared error over every target pixel of every channel of every pair, in 0..255\n"
    "units, of the unclamped sum. Saturated targets: a target pixel of 255 (or 0) may be the clamp of\n"
    "any larger (smaller) sum, so it only bounds the prediction: a prediction >= 255 (<= 0) there costs\n"
    "nothing, because tconv would write the same pixel; one short of it costs as usual.\n"
    "Optimiser: Adam (beta1 0.9, beta2 0.999, eps 1e-8, as torch.optim.Adam) on the full batch, every\n"
    "step. Adam, not plain gradient descent, because the gradient's scale grows with pixel values and\n"
    "kernel overlap: a fixed plain step that is safe for a bright image crawls on a dark one, while\n"
    "Adam moves each weight by about --lr per step whatever the scale. No bias is learned: tconv\n"
    "applies none, and the kernel file alone must reproduce the fit.\n"
    "Kept: the kernel written is the one of the lowest loss seen, before the first step or after any,\n"
    "not necessarily the last step's (Adam can overshoot late); the report names its step.\n"
    "Divergence: the fit stops with exit 1, writing nothing, at the first step whose loss is not finite\n"
    "or exceeds 10 x max(loss before the first step, loss of the all-zero kernel = mean squared target),\n"
    "i.e. when the kernel does ten times worse than predicting 0 everywhere; a smaller --lr cures it.\n"
    "Threads: -j N splits every step's rows over N threads in blocks of fixed size whose partial sums\n"
    "are added in order, so the losses and the kernel are the same bits for any N.\n"
    "\n"
    "--layer learns a whole trained layer instead, PyTorch's ConvTranspose2d(C_in, C_out, k, stride,\n"
    "padding, output_padding, groups, bias, dilation): a weight of shape (C_in, C_out/groups, KH, KW)\n"
    "that mixes channels, and a bias (unless --no-bias). C_in is the inputs' channel count, C_out the\n"
    "targets' (grey -> RGB learns a colourising layer); every pair must have the same two counts. The\n"
    "loss, the saturation rule, Adam and the threads are as above; weight and bias are learned together\n"
    "in double, and the layer is written as .safetensors (F32 'weight' and 'bias', as a state_dict holds\n"
    "them) that `tconv INPUT --layer LAYER.safetensors` applies with the same -s, -p, --dilation and\n"
    "--output-padding (its __metadata__ 'tconv_fit' says which; --output-size is not taken), or, named\n"
    "LAYER.keras, as a Keras 3 model of one Conv2DTranspose (with -p valid or same, no groups) that\n"
    "Keras loads and `tconv INPUT --layer LAYER.keras` applies with its own geometry. Adam counts\n"
    "the bias in units of 255, as a network trained on samples in 0..1 would: a step moves it by about\n"
    "255 x --lr levels, as a weight's step moves an output on a bright pixel.\n";

constexpr const char* footer =
    "Examples:\n"
    "  tconv small.png -f 4 -s 2 -p 1 -k bilinear -o big.png     # a target from a known kernel\n"
    "  tconv fit small.png big.png -f 4 -s 2 -p 1 -o learned.txt # learns the bilinear kernel back\n"
    "  tconv small.png -f 4 -s 2 -p 1 -k @learned.txt -o up.png\n"
    "  tconv fit --pairs pairs.txt -f 3 -s 2 --steps 1000 --json -o k.txt\n"
    "  tconv fit grey.png colour.png --layer -f 4 -s 2 -p 1 -o colourise.safetensors\n"
    "  tconv grey.png --layer colourise.safetensors -s 2 -p 1 -o colour2x.png\n"
    "Exit status: 0 fitted and written; 1 an image could not be read, its channel count or size does not\n"
    "match, or the fit diverged (nothing written); 2 usage error (nothing read or written).";

/// Subjects of errors raised while building the --init kernel say --init, not --kernel.
UsageError as_init_error(const UsageError& e) {
    const std::string& s = e.subject();
    return UsageError(s.starts_with("--kernel") ? "--init" + s.substr(8) : s, e.what());
}

/// The geometry and the initial kernel: --init is zeros, random, or anything -k accepts.
GeometryPlan plan_fit_geometry(const FitOptions& o) {
    const bool generated = o.init == "zeros" || o.init == "random";
    if (o.seed_given && o.init != "random") throw UsageError("--seed", "only applies to --init random");
    GeometryOptions g = o.geometry;
    g.kernel = generated ? "ones" : o.init;  // for a generated init only the size is used
    GeometryPlan plan;
    try {
        plan = plan_geometry(g);
    } catch (const UsageError& e) {
        throw as_init_error(e);
    }
    if (o.init == "zeros") plan.kernel = core::zero_kernel(plan.kernel.size);
    if (o.init == "random") plan.kernel = core::random_kernel(plan.kernel.size, o.seed);
    return plan;
}

/// --pairs FILE: one pair per line, "INPUT<TAB>TARGET", or "INPUT TARGET" split at white space when
/// neither path holds any; blank lines and lines starting with '#' are skipped.
std::vector<PairPaths> read_pairs_file(const std::string& path) {
    std::vector<std::string> lines;
    try {
        lines = read_file_list(path, false);
    } catch (const UsageError& e) {
        throw UsageError("--pairs " + path, e.what());
    }
    std::vector<PairPaths> pairs;
    for (std::size_t n = 0; n < lines.size(); ++n) {
        const std::string& line = lines[n];
        if (line.find_first_not_of(" \t") == std::string::npos || line.front() == '#') continue;
        std::vector<std::string> fields;
        if (const auto tab = line.find('\t'); tab != std::string::npos) {
            fields.push_back(line.substr(0, tab));
            const std::string rest = line.substr(tab + 1);
            if (rest.find('\t') == std::string::npos) fields.push_back(rest);  // a second tab leaves one field
        } else {
            std::size_t pos = 0;
            while ((pos = line.find_first_not_of(' ', pos)) != std::string::npos) {
                const auto end = line.find(' ', pos);
                fields.push_back(line.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
                pos = end;
            }
        }
        if (fields.size() != 2 || fields[0].empty() || fields[1].empty())
            throw UsageError(fmt::format("--pairs {}", path),
                             fmt::format("line {}: expected two paths, INPUT and TARGET (tab- or space-separated)", n + 1));
        pairs.push_back({fields[0], fields[1]});
    }
    return pairs;
}

/// Every option checked, nothing read yet (but the --pairs list and an --init @FILE).
std::vector<PairPaths> plan_pairs(const FitOptions& o) {
    if (o.output.empty())
        throw UsageError("--output", o.layer ? "required: the LAYER.safetensors or LAYER.keras file to write"
                                             : "required: the kernel file to write");
    if (!(o.learning_rate > 0.0) || !std::isfinite(o.learning_rate))
        throw UsageError("--lr", fmt::format("must be > 0 and finite, got {}", o.learning_rate));
    std::vector<PairPaths> pairs;
    if (!o.input.empty()) {
        if (o.target.empty()) throw UsageError("TARGET", "an INPUT needs its TARGET");
        pairs.push_back({o.input, o.target});
    }
    if (!o.pairs_file.empty()) {
        const auto listed = read_pairs_file(o.pairs_file);
        pairs.insert(pairs.end(), listed.begin(), listed.end());
    }
    if (pairs.empty()) throw UsageError("INPUT", "no pairs to fit: give INPUT TARGET, or --pairs FILE with at least one");
    // The kernel file written last must not replace anything the fit reads.
    std::vector<std::string> read;
    for (const PairPaths& p : pairs) read.insert(read.end(), {p.input, p.target});
    if (!o.pairs_file.empty()) read.push_back(o.pairs_file);
    if (o.init.starts_with("@")) read.push_back(o.init.substr(1));
    check_output_path(o.output);
    refuse_overwriting_inputs({o.output}, read);
    return pairs;
}

std::string json_report(const FitOptions& o, const std::vector<PairReport>& pairs, const core::FitResult& r) {
    const core::Kernel& k = r.kernel;
    const auto kernel_row = [&k](std::int64_t y) {
        return json_array_of(k.size.w, [&](std::int64_t x) { return json_number(k.at(y, x)); });
    };
    JsonObject json;
    json.add_path("output", o.output)
        .add_bool("ok", true)
        .add_json("pairs", json_array(pairs, pair_json))
        .add_integer("kernel_height", k.size.h)
        .add_integer("kernel_width", k.size.w)
        .add_json("kernel", json_array_of(k.size.h, kernel_row));
    return add_fit_history(json, o, r.samples, r.saturated_samples, r.loss, r.best_step).text();
}

int run_fit(const FitOptions& o) {
    if (o.layer) return run_fit_layer(o, plan_pairs(o));
    if (o.groups != 0) throw UsageError("--groups", "only applies with --layer");
    if (o.no_bias) throw UsageError("--no-bias", "only applies with --layer");
    const GeometryPlan plan = plan_fit_geometry(o);
    const std::vector<PairPaths> pairs = plan_pairs(o);
    const std::optional<core::Extent2> output_size = parse_output_size(o.output_size, o.geometry);

    std::vector<core::FitExample> examples;
    std::vector<PairReport> reports;
    std::vector<std::string> warnings;
    const auto take = [&](const PairPaths& p, const LoadedPair& pair) -> std::string {
        const core::Image& input = pair.input.image;
        const core::Image& target = pair.target.image;
        if (target.channels != input.channels)
            return error_line(
                p.target, fmt::format("target has {} channels but input {} has {}", target.channels, p.input, input.channels));
        for (int c = 0; c < input.channels; ++c)  // one example per channel: the kernel is shared by all
            examples.push_back({core::channel_plane(input, c), core::channel_plane(target, c), pair.shape});
        reports.push_back({p, input.size(), pair.shape.out(), input.channels, target.channels});
        return {};
    };
    if (!load_pairs(o, pairs, plan.geometry, output_size, take, warnings)) return exit_input_failed;
    // Each step runs the convolution and its kernel gradient over every example.
    std::int64_t work_per_step = 0;
    for (const core::FitExample& e : examples)
        work_per_step = core::saturating_add(
            work_per_step, core::saturating_mul(2, core::conv_multiply_adds(e.input.size, 1, plan.kernel.size)));
    if (const std::int64_t work = core::saturating_mul(work_per_step, o.steps); work > o.max_work) {
        fmt::print(stderr, "{}\n", error_line(fmt::format("--steps {}", o.steps), work_limit_reason(work, o.max_work)));
        return exit_input_failed;
    }
    for (const auto& w : warnings) fmt::print(stderr, "{}\n", w);

    core::FitResult result;
    if (const auto error = run_fit_steps(o, [&](const core::FitObserver& observer) {
            result = core::fit_kernel(examples, plan.kernel, fit_settings(o), observer);
        })) {
        fmt::print(stderr, "{}\n", *error);
        return exit_input_failed;
    }

    const std::string comment = fmt::format(
        "Learned by tconv fit from {} pair{} ({}; --init {}, {} Adam steps, lr {}).\n"
        "Mean squared error (0..255 units): {:.6g} -> {:.6g}, the lowest, at step {}. Apply with: tconv INPUT {} -k @FILE",
        pairs.size(), pairs.size() == 1 ? "" : "s", fit_geometry_text(o, plan.geometry), o.init, o.steps, o.learning_rate,
        result.loss.front(), result.loss[static_cast<std::size_t>(result.best_step)], result.best_step,
        fit_geometry_text(o, plan.geometry));
    try {
        io::write_kernel_file(o.output, result.kernel, comment, o.write);
    } catch (const io::IoError& e) {
        fmt::print(stderr, "{}\n", error_line(e.file(), e.what()));
        return exit_input_failed;
    }

    std::FILE* const report = report_stream(o.output);
    if (o.json) {
        fmt::print(report, "{}\n", json_report(o, reports, result));
    } else {
        const std::string from = pairs_text(pairs);
        fmt::print(report, "{} -> {}: {} kernel, {} steps; {}; {} of {} target samples saturated\n", from, o.output,
                   extent_text(result.kernel.size), o.steps, loss_text(result.loss, result.best_step), result.saturated_samples,
                   result.samples);
    }
    check_report_written(report);
    return exit_ok;
}

}  // namespace

Command add_fit_command(CLI::App& parent) {
    auto options = std::make_shared<FitOptions>();
    FitOptions& o = *options;
    CLI::App* app = parent.add_subcommand("fit", description);
    app->footer(footer);
    app->add_option(
           "INPUT", o.input,
           fmt::format("Input image. Formats, from the first bytes: {} (an animation's first frame)", io::readable_formats))
        ->type_name("FILE");
    app->add_option("TARGET", o.target,
                    "The image tconv should make from INPUT. Its size must be the one the geometry "
                    "gives for INPUT, its channel count INPUT's")
        ->type_name("FILE");
    app->add_option("--pairs", o.pairs_file,
                    "More pairs, one per line. INPUT<TAB>TARGET, or INPUT TARGET when the paths hold no spaces; "
                    "# comments; - reads stdin. Paths are relative to the current directory")
        ->type_name("FILE");
    add_geometry_options(*app, o.geometry, false);
    add_output_size_option(*app, o.output_size);
    app->add_option("-o,--output", o.output,
                    "Kernel file to write, or the layer with --layer. Text that tconv -k @FILE reads; - for stdout. "
                    "With --layer: the LAYER.safetensors or LAYER.keras file to write")
        ->type_name("KERNEL_FILE");
    app->add_flag("--layer", o.layer,
                  "Learn a whole layer, weight and bias, instead of one kernel. The weight (C_in, C_out/groups, KH, KW), C_in "
                  "from INPUT's channels and "
                  "C_out from TARGET's, and write it as .safetensors for tconv --layer");
    app->add_option("--groups", o.groups, "With --layer: the layer's groups (PyTorch's groups). They divide both channel counts")
        ->type_name("G")
        ->default_str(std::to_string(core::ConvLayer{}.groups))
        ->transform(decimal_integer(1, 65536));
    app->add_flag("--no-bias", o.no_bias, "With --layer: learn the weight alone (bias=False)");
    app->add_option("--init", o.init,
                    "Initial kernel: zeros, random, or any -k value. 'zeros'; 'random' (uniform in +-1/sqrt(KH*KW), PyTorch's "
                    "range, seeded by --seed), "
                    "or any -k value: 'ones', 'bilinear', 'gaussian[:SIGMA]', an inline matrix, @FILE (e.g. to go on "
                    "from an earlier fit). With --layer: 'zeros', 'random' (weight and bias uniform in "
                    "+-1/sqrt(C_out/groups*KH*KW), PyTorch's ConvTranspose2d range) or a layer file as --layer takes "
                    "it (.npy, .safetensors[:PREFIX], .onnx[:NODE]; a file without bias starts it at 0)")
        ->type_name("SPEC")
        ->capture_default_str();
    app->add_option("--seed", o.seed, "Seed of --init random (same seed, same kernel everywhere)")
        ->type_name("N")
        ->capture_default_str()
        ->transform(decimal_integer(0, std::numeric_limits<std::uint64_t>::max()))
        ->each([&o](const std::string&) { o.seed_given = true; });
    app->add_option("--steps", o.steps, "Adam steps over all pairs")
        ->type_name("N")
        ->capture_default_str()
        ->transform(decimal_integer(0, 1'000'000));
    app->add_option("--lr", o.learning_rate, "Adam's learning rate: about the most a weight moves per step")
        ->type_name("X")
        ->capture_default_str();
    app->add_option("-j,--jobs", o.jobs, "Worker threads of each step. The result is the same for any N")
        ->type_name("N")
        ->default_str(all_cores_text)
        ->transform(decimal_integer(1, 1024));
    app->add_flag("--json", o.json,
                  "One JSON object on stdout. Pairs, kernel, steps, lr, samples, saturated_samples, best_step and "
                  "best_loss (the kept kernel's), final_loss (after the last step) and loss (the loss before each "
                  "step, then after the last: steps + 1 numbers)");
    add_auto_orient_flag(*app, o.auto_orient);
    add_max_work_option(*app, o.max_work);
    add_write_options(*app, o.write);
    return Command{app, [options] { return run_fit(*options); }};
}

}  // namespace tconv::cli
