// What the kernel fit and the layer fit share (fit_setup.hpp): the geometry's text, why a target's
// size does not fit, loading the pairs, the reports, and the descent under a progress line.
#include "cli/commands/fit_setup.hpp"

#include "cli/options/geometry_options.hpp"
#include "cli/options/help_formatter.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/integer_option.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/options/orientation_option.hpp"
#include "cli/options/output_size_option.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/options/write_options.hpp"
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
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tconv::cli {

std::string fit_geometry_text(const FitOptions& o, const core::Geometry& g) {
    std::string t = fmt::format("-f {} -s {} -p {} --dilation {}", extent_text(g.kernel), extent_text(g.stride),
                                o.geometry.padding, extent_text(g.dilation));
    if (g.output_padding) t += fmt::format(" --output-padding {}", extent_text(*g.output_padding));
    return t;
}

/// Why the target does not fit, and what would: the output size or padding that reaches it.
std::string size_mismatch_text(const FitOptions& o, const core::Geometry& geometry, bool output_size_given, core::Extent2 in,
                               const std::string& input_path, core::Extent2 target, core::Extent2 out) {
    const std::string source = output_size_given ? fmt::format("--output-size is {}", extent_text(out))
                                                 : fmt::format("{} gives {}", fit_geometry_text(o, geometry), extent_text(out));
    std::string text =
        fmt::format("target is {} (HxW) but {} for the {} input {}; ", extent_text(target), source, extent_text(in), input_path);
    const core::OutputSizeFix fix = core::find_output_size_fix(in, geometry, target);
    if (fix.output_padding)
        return text + fmt::format("--output-size {} (output padding {}) would fit", extent_text(target),
                                  option_extent_text(*fix.output_padding));
    const core::ReachableSizes r = core::reachable_output_sizes(in, geometry);
    text += fmt::format("no output padding reaches it (rows {} to {}, columns {} to {}); ", r.rows.min, r.rows.max, r.cols.min,
                        r.cols.max);
    if (fix.padding)
        return text + fmt::format("-p {} --output-size {} (output padding {}) would fit",
                                  option_extent_text(fix.padding->padding), extent_text(target),
                                  option_extent_text(fix.padding->output_padding));
    return text + "no padding does either with this kernel, stride and dilation";
}

core::OutputShape fit_output_shape(core::Extent2 in, const core::Geometry& geometry,
                                   const std::optional<core::Extent2>& output_size) {
    return output_size ? core::plan_output_shape_to_size(in, geometry, *output_size) : core::plan_output_shape(in, geometry);
}

bool load_pairs(const FitOptions& o, const std::vector<PairPaths>& pairs, const core::Geometry& geometry,
                const std::optional<core::Extent2>& output_size, const PairUse& use, std::vector<std::string>& warnings) {
    const io::LoadLimits limits{};
    bool all_taken = true;
    for (const PairPaths& p : pairs) {
        std::string error;
        try {
            LoadedPair pair{io::load_image_8_bit(p.input, limits), io::load_image_8_bit(p.target, limits), {}};
            for (auto [path, loaded] : {std::pair{&p.input, &pair.input}, std::pair{&p.target, &pair.target}}) {
                for (const std::string& line : load_warnings(*path, *loaded)) warnings.push_back(line);
                loaded->image = oriented_image(*path, std::move(loaded->image), loaded->orientation, o.auto_orient, warnings);
            }
            const core::Extent2 in = pair.input.image.size();
            try {
                pair.shape = fit_output_shape(in, geometry, output_size);
            } catch (const core::InvalidParams& e) {
                error = error_line(p.input, e.what());
            }
            if (error.empty() && pair.target.image.size() != pair.shape.out()) {
                error = error_line(p.target, size_mismatch_text(o, geometry, output_size.has_value(), in, p.input,
                                                                pair.target.image.size(), pair.shape.out()));
                // The warning that says so is not printed for a failed pair: the likely cause, said here.
                for (const auto& [path, loaded] : {std::pair{&p.input, &pair.input}, std::pair{&p.target, &pair.target}})
                    if (!o.auto_orient && core::orientation_swaps_axes(loaded->orientation))
                        error += fmt::format(
                            " ({} is used as stored, sideways: EXIF orientation {}; --auto-orient turns it "
                            "upright)",
                            *path, loaded->orientation);
            }
            if (error.empty()) error = use(p, pair);
        } catch (const io::IoError& e) {
            error = error_line(e.file(), e.what());
        } catch (const std::bad_alloc&) {
            error = error_line(p.input, "out of memory");
        }
        if (!error.empty()) {
            fmt::print(stderr, "{}\n", error);
            all_taken = false;
        }
    }
    return all_taken;
}

JsonObject& add_fit_history(JsonObject& json, const FitOptions& o, std::int64_t samples, std::int64_t saturated_samples,
                            const std::vector<double>& loss, std::int64_t best_step) {
    return json.add_string("init", o.init)
        .add_integer("steps", o.steps)
        .add_number("lr", o.learning_rate)
        .add_integer("samples", samples)
        .add_integer("saturated_samples", saturated_samples)
        .add_integer("best_step", best_step)
        .add_number("best_loss", loss[static_cast<std::size_t>(best_step)])
        .add_number("final_loss", loss.back())
        .add_json("loss", json_array(loss, [](double v) { return json_number(v); }));
}

std::string loss_text(const std::vector<double>& loss, std::int64_t best_step) {
    const double first = loss.front();
    const double best = loss[static_cast<std::size_t>(best_step)];
    const auto last_step = static_cast<std::int64_t>(loss.size()) - 1;
    std::string text = fmt::format("loss {:.6g} -> {:.6g} at step {} (RMSE {:.4g} -> {:.4g})", first, best, best_step,
                                   std::sqrt(first), std::sqrt(best));
    if (best_step < last_step) text += fmt::format(", kept: step {} ended at {:.6g}", last_step, loss.back());
    return text;
}

std::string pair_json(const PairReport& p) {
    return JsonObject()
        .add_path("input", p.paths.input)
        .add_path("target", p.paths.target)
        .add_integer("in_width", p.in_size.w)
        .add_integer("in_height", p.in_size.h)
        .add_integer("channels", p.channels)
        .add_integer("target_channels", p.target_channels)
        .add_integer("out_width", p.out_size.w)
        .add_integer("out_height", p.out_size.h)
        .text();
}

core::FitSettings fit_settings(const FitOptions& o) {
    core::FitSettings settings;
    settings.steps = o.steps;
    settings.adam.learning_rate = o.learning_rate;
    settings.threads = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return settings;
}

std::optional<std::string> run_fit_steps(const FitOptions& o, const std::function<void(const core::FitObserver&)>& fit) {
    // "step 120/500, loss 12.3", redrawn at most ten times a second.
    StatusLine progress(::isatty(STDERR_FILENO) == 1, std::chrono::milliseconds(100));
    try {
        fit([&](std::int64_t step, double loss) {
            if (progress.due(step >= o.steps)) progress.draw(fmt::format("step {}/{}, loss {:.6g}", step, o.steps, loss));
        });
    } catch (const core::FitDiverged& e) {
        progress.clear();
        return error_line(
            fmt::format("--lr {}", o.learning_rate),
            fmt::format("the fit diverged at step {}: loss {:.6g} is {}; try a smaller --lr, e.g. {}", e.step(), e.loss(),
                        std::isfinite(e.loss()) ? fmt::format("above {:.6g} (10 x max(first loss, mean "
                                                              "squared target))",
                                                              e.limit())
                                                : std::string("not finite"),
                        o.learning_rate / 10));
    } catch (const core::InvalidParams& e) {
        progress.clear();
        return error_line(fmt::format("--lr {}", o.learning_rate), e.what());
    }
    progress.clear();
    return std::nullopt;
}

std::string pairs_text(const std::vector<PairPaths>& pairs) {
    return pairs.size() == 1 ? fmt::format("{} + {}", pairs[0].input, pairs[0].target) : fmt::format("{} pairs", pairs.size());
}

}  // namespace tconv::cli
