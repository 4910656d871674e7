// The main job: parse -> plan (geometry + kernel) -> for each input: load -> convolve -> save ->
// report, inputs spread over worker threads, reports printed in input order.
#include "cli/commands/run_command.hpp"

#include "cli/commands/input_pipeline.hpp"
#include "cli/commands/job_plan.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/options/alpha_option.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/output_size_option.hpp"
#include "cli/options/strategy_option.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/overlap_report.hpp"
#include "cli/report/progress.hpp"
#include "cli/report/report.hpp"
#include "cli/report/report_stream.hpp"
#include "core/kernel/rank_one.hpp"
#include "core/schedule/worker_threads.hpp"
#include "io/output/output_format.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {

int run_main_job(const RunOptions& opts) {
    JobPlan job;
    job.schedule.strategy = parse_strategy_option(opts.strategy);
    job.layer = plan_layer_job(opts.layer, opts.geometry);
    if (job.layer) {
        if (job.schedule.strategy) throw UsageError("--strategy", "chooses how pixels of one kernel are computed, not a layer's");
        if (!opts.output_size.empty()) throw UsageError("--output-size", "not with --layer: give -s, -p and --output-padding");
        job.geometry.geometry = job.layer->geometry;
    } else {
        job.geometry = plan_geometry(opts.geometry, opts.max_work);
    }
    job.output_size = parse_output_size(opts.output_size, opts.geometry);
    job.limits = io::LoadLimits{opts.max_pixels};
    job.png = io::PngOptions{opts.compression};
    job.write = opts.write;
    job.max_work = opts.max_work;
    job.auto_orient = opts.auto_orient;
    job.alpha = plan_alpha(opts.alpha, !opts.geometry.scale.empty());
    if (job.alpha.premultiplied && job.layer)
        throw UsageError("--alpha", "not with --layer: a layer mixes channels, alpha among them");
    // The least work: the split of the weights as floats, which 8-bit samples are summed with.
    job.rank_one_kernel = !job.layer && core::exact_rank_one(core::float_rounded(job.geometry.kernel)).has_value();
    job.strip = opts.strip;
    if (opts.depth != 0 && opts.depth != 8 && opts.depth != 16)
        throw UsageError("--depth", fmt::format("{} is not a depth (8 or 16)", opts.depth));
    job.depth = opts.depth;
    job.encode = io::EncodeOptions{opts.quality > 0 ? opts.quality : io::default_quality, opts.lossless};
    std::optional<io::OutputFormat> forced_format;
    if (!opts.format.empty()) {
        forced_format = io::output_format_named(opts.format);
        if (!forced_format)
            throw UsageError("--format " + io::quoted_text(opts.format),
                             "unknown format (png, jpg, jpeg, webp, tif, tiff, bmp, tga, ppm, pgm, pnm, pam, npy)");
    }
    const std::string conv_setup =
        job.layer ? job.layer->setup : conv_setup_text(job.geometry.kernel_spec, job.geometry.geometry);
    // Phase gains depend on the kernel and geometry only: said once, after a run in which every
    // input succeeded (a failed run prints only its errors).
    const std::vector<std::string> gain_warnings =
        job.layer ? std::vector<std::string>{} : phase_gain_warnings(job.geometry.kernel, job.geometry.geometry);
    std::vector<std::string> inputs = opts.inputs;
    if (!opts.files_from.empty()) {
        auto listed = read_file_list(opts.files_from, opts.null_separated);
        inputs.insert(inputs.end(), listed.begin(), listed.end());
    } else if (opts.null_separated) {
        throw UsageError("--null", "goes with --files-from");
    }
    if (std::count(inputs.begin(), inputs.end(), "-") > 0 && opts.files_from == "-")
        throw UsageError("INPUT -", "standard input cannot hold both the file list and an image");
    // No inputs at all is a mistake; an empty --files-from list (find matched nothing) is an empty
    // batch that succeeds, as xargs -r would.
    if (inputs.empty() && opts.files_from.empty()) throw UsageError("INPUT", "no input files (give paths, or --files-from FILE)");
    const std::vector<std::string> outputs =
        output_paths(inputs, opts.output, opts.out_dir, io::output_extension(forced_format.value_or(io::OutputFormat::png)));
    // The other files the job reads: the kernel file and the file list must survive it too.
    std::vector<std::string> other_inputs;
    if (opts.geometry.kernel.starts_with("@")) other_inputs.push_back(opts.geometry.kernel.substr(1));
    if (!opts.files_from.empty()) other_inputs.push_back(opts.files_from);
    if (job.layer) other_inputs.push_back(io::split_layer_spec(opts.layer.layer).path);
    if (!opts.layer.bias.empty()) other_inputs.push_back(opts.layer.bias);
    refuse_overwriting_inputs(outputs, other_inputs);
    // Each output's format, all settled before any input is read.
    std::vector<io::OutputFormat> formats;
    for (const std::string& out : outputs) {
        if (forced_format || out == "-") {
            formats.push_back(forced_format.value_or(io::OutputFormat::png));
            continue;
        }
        auto format = io::output_format_of_path(out);
        // A device, FIFO or socket that names no format (/dev/stdout, a pipe) gets PNG, as "-" does.
        struct stat st {};
        if (!format && ::stat(out.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
            format = io::OutputFormat::png;
        if (!format)
            throw UsageError("--output " + io::quoted_text(out),
                             "unknown or missing extension (png, jpg, jpeg, webp, tif, tiff, bmp, tga, ppm, pgm, pnm, pam, npy; "
                             "or give --format)");
        formats.push_back(*format);
    }
    if (job.schedule.strategy && ((job.alpha.premultiplied && job.alpha.given) ||
                                  std::find(formats.begin(), formats.end(), io::OutputFormat::npy) != formats.end()))
        throw UsageError("--strategy",
                         "chooses how pixels are computed; .npy output and --alpha premultiplied take "
                         "real-valued sums in double");
    if (job.layer) check_layer_outputs(*job.layer, formats);
    for (const io::OutputFormat format : formats) {
        if (opts.quality > 0 && !io::takes_quality(format))
            throw UsageError("--quality", fmt::format("{} has no quality (only JPEG and WebP)", io::output_format_text(format)));
        if (opts.lossless && format != io::OutputFormat::webp)
            throw UsageError("--lossless", fmt::format("is for WebP, not {}", io::output_format_text(format)));
        if (opts.depth == 16 && !io::holds_16_bit(format))
            throw UsageError("--depth 16", fmt::format("{} holds 8 bits per sample (16 needs PNG, TIFF, PNM or PAM)",
                                                       io::output_format_text(format)));
    }

    const int jobs = opts.jobs > 0 ? opts.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const std::size_t n = inputs.size();
    const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs), n));
    const int inner_threads = n == 1 ? jobs : 1;
    // With -o - the PNG owns stdout, so the report moves to stderr.
    std::FILE* const report = report_stream(opts.output);
    const bool report_on_terminal = ::isatty(::fileno(report)) != 0;
    Progress progress(n, !opts.quiet && n > 1 && ::isatty(STDERR_FILENO));

    std::vector<std::optional<Outcome>> done(n);
    std::size_t next_to_print = 0;
    bool any_failed = false;
    std::mutex mutex;
    std::atomic<std::size_t> next_input{0};

    auto print_ready = [&] {  // called with `mutex` held
        while (next_to_print < n && done[next_to_print]) {
            const Outcome& o = *done[next_to_print];
            std::vector<std::string> stderr_lines;  // before the report: the error, or the warnings
            std::string strategy_note;              // after it
            if (!o.report.ok) {
                any_failed = true;
                stderr_lines.push_back(o.error_line);
            } else if (!opts.quiet) {
                stderr_lines.insert(stderr_lines.end(), o.warnings.begin(), o.warnings.end());
                if (opts.verbose) strategy_note = strategy_line(o.report, conv_setup);
            }
            std::string report_line;
            if (opts.json)
                report_line = json_line(o.report);
            else if (o.report.ok && !opts.quiet)
                report_line = human_line(o.report);
            // The progress line is erased only before a line that lands on the terminal: erasing it
            // for every report that goes to a file would defeat its rate limit and make it flicker.
            if (!stderr_lines.empty() || !strategy_note.empty() || (!report_line.empty() && report_on_terminal)) progress.clear();
            for (const auto& line : stderr_lines) fmt::print(stderr, "{}\n", line);
            if (!report_line.empty()) {
                fmt::print(report, "{}\n", report_line);
                std::fflush(report);
            }
            if (!strategy_note.empty()) fmt::print(stderr, "{}\n", strategy_note);
            done[next_to_print].reset();  // keep memory flat over long batches
            ++next_to_print;
        }
        progress.show(next_to_print);
    };

    auto work = [&] {
        for (std::size_t i = next_input++; i < n; i = next_input++) {
            Outcome o = run_input(inputs[i], outputs[i], formats[i], job, inner_threads);
            std::lock_guard lock(mutex);
            done[i] = std::move(o);
            print_ready();
        }
    };
    // Every worker takes inputs until none is left: with fewer threads than asked for, the ones that
    // started still take them all.
    core::run_tasks(workers, [&](std::int64_t) { work(); });
    progress.clear();
    check_report_written(report);
    if (any_failed) return exit_input_failed;
    if (n > 0 && !opts.quiet)
        for (const std::string& line : gain_warnings) fmt::print(stderr, "{}\n", line);
    return exit_ok;
}

}  // namespace tconv::cli
