// The main job: parse -> plan (geometry + kernel) -> for each input: load -> convolve -> save ->
// report, inputs spread over worker threads, reports printed in input order.
#include "cli/run_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/alpha_option.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/input_list.hpp"
#include "cli/integer_option.hpp"
#include "cli/layer_run.hpp"
#include "cli/max_work_option.hpp"
#include "cli/output_size_option.hpp"
#include "cli/overlap_report.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/report_stream.hpp"
#include "cli/strategy_option.hpp"
#include "cli/usage_error.hpp"
#include "cli/write_options.hpp"
#include "core/checked_math.hpp"
#include "core/conv_work.hpp"
#include "core/errors.hpp"
#include "core/orientation.hpp"
#include "core/output_size_target.hpp"
#include "core/premultiplied_alpha.hpp"
#include "core/rank_one.hpp"
#include "core/real_conv.hpp"
#include "core/row_convolver.hpp"
#include "core/sample_depth.hpp"
#include "core/streamed_convolution.hpp"
#include "core/transposed_conv.hpp"
#include "core/worker_threads.hpp"
#include "io/image_encoder.hpp"
#include "io/image_file.hpp"
#include "io/io_error.hpp"
#include "io/npy_encoder.hpp"
#include "io/output_file.hpp"
#include "io/output_format.hpp"
#include "io/png_encoder.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

/// One input's outcome plus what must be said about it on stderr, printed in input order.
struct Outcome {
    InputReport report;
    std::string error_line;             ///< "tconv: error: FILE: REASON" when failed
    std::vector<std::string> warnings;  ///< "tconv: warning: ..." beside a success
};

/// What every input of the job shares, fixed before the first one is read.
struct JobPlan {
    GeometryPlan geometry;
    std::optional<core::Extent2> output_size;  ///< --output-size, solved per input
    core::ConvSchedule schedule;               ///< --strategy
    io::LoadLimits limits;
    io::PngOptions png;
    io::WriteOptions write;
    std::int64_t max_work = default_max_work;
    io::EncodeOptions encode;       ///< --quality, --lossless
    bool auto_orient = false;       ///< --auto-orient
    bool strip = false;             ///< --strip: no metadata written
    bool premultiplied = false;     ///< --alpha premultiplied
    bool rank_one_kernel = false;   ///< the kernel splits into a column times a row (what --max-work's header check assumes)
    int depth = 0;                  ///< --depth, 0: not given
    std::optional<LayerJob> layer;  ///< --layer: a trained layer instead of the kernel
};

/// What an EXIF orientation asks for, in words.
const char* orientation_text(int orientation) {
    static const char* const texts[] = {"as stored",          "mirrored left-right",
                                        "turned 180 degrees", "mirrored top-bottom",
                                        "transposed",         "turned 90 degrees clockwise to be upright",
                                        "transversed",        "turned 90 degrees anticlockwise to be upright"};
    return orientation >= 1 && orientation <= 8 ? texts[orientation - 1] : "unknown";
}

/// How an input's result is computed: by the planned pixel strategy, or as real-valued sums in double
/// (the .npy output's float32 values; premultiplied alpha's division by the convolved alpha).
core::ConvPlan real_plan(bool premultiply, int depth) {
    return {core::ConvStrategy::Real,
            premultiply ? "--alpha premultiplied: colours times alpha, divided by the convolved alpha"
                        : ".npy output: float32 sums, unclamped and unrounded",
            depth};
}

/// The file bytes of a real-valued result: the sums themselves for .npy, else their pixels.
std::vector<std::uint8_t> encode_real(const core::RealImage& sums, io::OutputFormat format, const JobPlan& job, int threads,
                                      int sum_depth, int depth, const io::ImageMetadata& metadata) {
    if (format == io::OutputFormat::npy) {
        const std::int64_t shape[] = {sums.size.h, sums.size.w, sums.channels};
        io::NpyFloat32File file(shape);
        file.put(0, sums.values);
        return std::move(file).release();
    }
    const core::Image pixels = core::with_depth(core::quantised_image(sums, sum_depth), depth);
    return format == io::OutputFormat::png ? io::encode_png(pixels, job.png, threads, metadata)
                                           : io::encode_image(pixels, format, job.encode, metadata);
}

/// Bits per sample written: --depth, else the input's where the format holds it, else 8.
int output_depth(io::OutputFormat format, const JobPlan& job, int in_depth) {
    return job.depth != 0 ? job.depth : io::holds_16_bit(format) ? in_depth : 8;
}

/// Why an output of `out` from an input of `channels` samples of `in_depth` bits is over --max-pixels,
/// if it is. The output made: the input's channels at the convolution's depth or the written one,
/// whichever is larger, or the float32 values of a .npy.
std::optional<std::string> over_output_cap(core::Extent2 out, int channels, int in_depth, io::OutputFormat format,
                                           const JobPlan& job) {
    static_cast<void>(core::checked_mul(out.h, out.w));  // a size past 64 bits is refused as such
    const int sample_bytes = format == io::OutputFormat::npy ? 4 : std::max(in_depth, output_depth(format, job, in_depth)) / 8;
    const std::string problem = io::pixel_cap_problem("output would be", {out, channels, sample_bytes}, job.limits.max_pixels);
    return problem.empty() ? std::nullopt : std::optional(problem);
}

/// The whole input: the decoded image itself, or its rows read to the end.
io::LoadedImage read_whole(io::ImageReader& reader) {
    io::LoadedImage loaded = std::move(reader.loaded());
    if (!reader.streams()) return loaded;
    loaded.image = core::unwritten_image(loaded.image.size(), loaded.image.channels, loaded.image.depth);
    const std::size_t row_bytes =
        static_cast<std::size_t>(loaded.image.width * loaded.image.channels) * loaded.image.sample_bytes();
    for (std::int64_t y = 0; y < loaded.image.height; ++y)
        reader.read_row(loaded.image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
    reader.finish();
    return loaded;
}

/// One input through source -> convolution -> sink, with `stream` allowing a streamed source. Fills
/// o.report (and o.warnings); a refusal found here sets o.report.error and o.error_line. Throws
/// IoError, InvalidParams, std::bad_alloc, ReadWholeInstead.
void convolve_input(const std::string& input, const std::string& output, io::OutputFormat format, const JobPlan& job, int threads,
                    const io::LoadLimits& limits, bool stream, Outcome& o) {
    const GeometryPlan& plan = job.geometry;
    InputReport& r = o.report;
    auto shape_for = [&](core::Extent2 in) {
        return job.output_size ? core::plan_output_shape_to_size(in, plan.geometry, *job.output_size)
                               : core::plan_output_shape(in, plan.geometry);
    };
    const std::unique_ptr<io::ImageReader> reader = io::open_image(input, limits, stream);
    const int orientation = reader->loaded().orientation;
    const core::Image& header = reader->header();
    const bool premultiply = job.premultiplied && core::has_alpha(header.channels);
    const bool real = premultiply || format == io::OutputFormat::npy;
    // What reads rows out of order takes the whole input: turning it upright, the real-valued sums, the
    // literal scatter.
    const char* whole_for = job.auto_orient && orientation != 1                    ? "to be turned upright"
                            : real                                                 ? "for real-valued sums"
                            : job.schedule.strategy == core::ConvStrategy::Scatter ? "for the literal scatter"
                                                                                   : nullptr;
    const bool whole = !reader->streams() || whole_for != nullptr;
    io::LoadedImage loaded;
    if (whole) {
        loaded = read_whole(*reader);
        if (job.auto_orient) loaded.image = core::upright(loaded.image, orientation);
    } else {
        loaded.reduced_from_16_bit = reader->loaded().reduced_from_16_bit;
        loaded.ignored_frames = reader->loaded().ignored_frames;
        loaded.metadata = reader->loaded().metadata;
    }
    const core::Image& image = whole ? loaded.image : header;  // pixels only when whole
    r.source = reader->streams() && whole ? fmt::format("{}, read whole {}", reader->how(), whole_for) : reader->how();
    r.in_size = image.size();
    r.channels = image.channels;
    o.warnings = load_warnings(input, loaded);
    if (orientation != 1 && !job.auto_orient)
        o.warnings.push_back(warning_line(fmt::format(
            "{}: EXIF orientation {} ({}) is not applied: the stored pixels are used; --auto-orient turns them upright",
            io::quoted_text(input), orientation, orientation_text(orientation))));
    if (const auto reason = over_output_cap(shape_for(image.size()).out(), image.channels, image.depth, format, job)) {
        r.ok = false;
        r.error = *reason;
        o.error_line = error_line(io::quoted_text(input), *reason);
        return;
    }
    r.shape = shape_for(image.size());
    const core::Extent2 out = r.shape->out();
    std::optional<core::RowWindow> window;
    if (!whole)
        window.emplace(image.height, static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes(),
                       [&](std::uint8_t* row) { reader->read_row(row); });
    const core::InputRows rows =
        whole ? core::InputRows(image) : core::InputRows(image.size(), image.channels, image.depth, *window);
    std::optional<core::RowConvolver> convolver;
    if (real)
        r.plan = real_plan(premultiply, image.depth);
    else
        r.plan = convolver.emplace(rows, plan.kernel, *r.shape, job.schedule).plan();
    if (const std::int64_t work =
            core::strategy_multiply_adds(r.plan->strategy, image.size(), image.channels, plan.kernel.size, out);
        work > job.max_work) {
        r.ok = false;
        r.error = work_limit_reason(work, job.max_work);
        o.error_line = error_line(io::quoted_text(input), r.error);
        return;
    }
    // The convolution runs at the input's depth; the output's is --depth's, else the input's where
    // the format holds it. A reduction the user did not ask for is said, as a dropped alpha is.
    const int depth = output_depth(format, job, image.depth);
    r.depth = depth;
    const std::string dropped = io::dropped_by(format, image.channels, job.depth != 0 ? job.depth : image.depth);
    if (!dropped.empty()) o.warnings.push_back(warning_line(fmt::format("{}: {}", io::quoted_text(output), dropped)));
    const io::MetadataFit metadata =
        job.strip
            ? io::MetadataFit{}
            : io::fit_metadata(format, io::metadata_for_output(std::move(loaded.metadata), orientation, job.auto_orient, out),
                               image.channels);
    if (!metadata.dropped.empty())
        o.warnings.push_back(warning_line(fmt::format("{}: {}", io::quoted_text(output), metadata.dropped)));
    io::OutputFile file(output, job.write);
    if (real) {
        const core::RealImage sums = premultiply
                                         ? core::transposed_conv_premultiplied(image, plan.kernel, *r.shape, threads)
                                         : core::transposed_conv_real(core::real_image(image), plan.kernel, *r.shape, threads);
        file.write(encode_real(sums, format, job, threads, image.depth, depth, metadata.kept));
        r.sink = std::string(io::output_format_text(format)) + " (encoded whole)";
    } else {
        std::optional<core::StreamedConvolution> streamed;
        if (window) streamed.emplace(*convolver, *window);
        const core::RowProducer convolved = [&](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
            if (streamed) return streamed->convolve_rows(y0, y1, sink);
            convolver->convolve_rows(y0, y1, sink);
        };
        if (format == io::OutputFormat::png) {
            // Rows go from the convolution straight into the PNG filters and compressor, a segment per
            // thread at a time, and out to the file in order: no full-size image.
            io::PngOptions png = job.png;
            png.depth = depth;
            const auto samples = static_cast<std::size_t>(out.w * image.channels);
            io::encode_png_rows(
                out, image.channels,
                [&](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
                    if (convolver->depth() == depth) return convolved(y0, y1, sink);
                    std::vector<std::uint8_t> row(samples * static_cast<std::size_t>(depth / 8));
                    convolved(y0, y1, [&](std::int64_t y, const std::uint8_t* computed) {
                        core::convert_row_depth(computed, convolver->depth(), row.data(), depth, samples);
                        sink(y, row.data());
                    });
                },
                png, threads, file, metadata.kept);
            r.sink = png.compression == 1 || png.compression == 2 ? "PNG segments (streamed)" : "PNG (compressed whole)";
        } else {
            const core::Image pixels = streamed ? streamed->convolved_image(threads) : core::convolved_image(*convolver, threads);
            file.write(io::encode_image(core::with_depth(pixels, depth), format, job.encode, metadata.kept));
            r.sink = std::string(io::output_format_text(format)) + " (encoded whole)";
        }
    }
    if (!whole) reader->finish();  // the rest of the file checked before the output takes its name
    file.commit();
    r.ok = true;
}

Outcome process_input(const std::string& input, const std::string& output, io::OutputFormat format, const JobPlan& job,
                      int threads) {
    const GeometryPlan& plan = job.geometry;
    Outcome o;
    InputReport& r = o.report;
    r.input = input;
    r.output = output;
    auto fail = [&](const std::string& file, const std::string& reason) {
        r.ok = false;
        r.error = reason;
        o.error_line = error_line(io::quoted_text(file), reason);
        o.warnings.clear();  // a failure says exactly one thing: its error
        return o;
    };
    // --output-size is solved per input: the output padding it needs depends on the input size.
    auto shape_for = [&](core::Extent2 in) {
        return job.output_size ? core::plan_output_shape_to_size(in, plan.geometry, *job.output_size)
                               : core::plan_output_shape(in, plan.geometry);
    };
    auto over_cap = [&](const io::HeaderShape& in) {
        return over_output_cap(shape_for(in.size).out(), in.channels, in.depth, format, job);
    };
    // The output cap is checked from the input's header, before any of its pixels is decoded. With
    // --auto-orient the upright size is not known yet: refused there only if both ways are over.
    // So is the work a single channel would take, the least any image of that size needs.
    auto over_work = [&](const io::HeaderShape& in) {
        const std::int64_t work =
            core::least_multiply_adds(job.rank_one_kernel, in.size, plan.kernel.size, shape_for(in.size).out());
        return work > job.max_work ? std::optional(work_limit_reason(work, job.max_work, true)) : std::nullopt;
    };
    io::LoadLimits limits = job.limits;
    limits.check_size = [&](const io::HeaderShape& in) {
        const auto refuse_if = [&](const auto& over) {
            if (const auto reason = over(in);
                reason && (!job.auto_orient || over(io::HeaderShape{{in.size.w, in.size.h}, in.channels, in.depth})))
                throw io::IoError(input, *reason);
        };
        refuse_if(over_cap);
        refuse_if(over_work);
    };
    try {
        if (job.layer) {
            LayerResult result = run_layer_input(input, output, *job.layer, job.limits, job.max_work, job.auto_orient,
                                                 {format, job.png, job.encode, threads}, r);
            o.warnings = std::move(result.warnings);
            io::write_file_atomically(output, result.bytes, job.write);
            r.ok = true;
            return o;
        }
        // Streamed where the format allows and the job reads rows in order; otherwise decoded whole.
        // A PNG whose metadata turns up after its image data is read again, whole.
        try {
            convolve_input(input, output, format, job, threads, limits, true, o);
        } catch (const io::ReadWholeInstead&) {
            o = Outcome{};
            o.report.input = input;
            o.report.output = output;
            convolve_input(input, output, format, job, threads, limits, false, o);
        }
        if (!o.report.error.empty()) o.warnings.clear();  // a failure says exactly one thing: its error
    } catch (const io::IoError& e) {
        return fail(e.file().empty() ? output : e.file(), e.what());
    } catch (const core::InvalidParams& e) {
        return fail(input, e.what());
    } catch (const std::bad_alloc&) {
        return fail(input, "out of memory");
    }
    return o;
}

}  // namespace

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
    job.premultiplied = parse_alpha_option(opts.alpha);
    if (job.premultiplied && job.layer) throw UsageError("--alpha", "not with --layer: a layer mixes channels, alpha among them");
    job.rank_one_kernel = !job.layer && core::exact_rank_one(job.geometry.kernel).has_value();
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
    if (job.schedule.strategy &&
        (job.premultiplied || std::find(formats.begin(), formats.end(), io::OutputFormat::npy) != formats.end()))
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
            Outcome o = process_input(inputs[i], outputs[i], formats[i], job, inner_threads);
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
