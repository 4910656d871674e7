// One input of the main job: open -> plan -> convolve -> write -> report (see input_pipeline.hpp).
#include "cli/commands/input_pipeline.hpp"

#include "cli/commands/layer_run.hpp"
#include "cli/options/alpha_option.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/integer_option.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/options/orientation_option.hpp"
#include "cli/options/output_size_option.hpp"
#include "cli/options/strategy_option.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/options/write_options.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/overlap_report.hpp"
#include "cli/report/progress.hpp"
#include "cli/report/report.hpp"
#include "cli/report/report_stream.hpp"
#include "core/conv/conv_work.hpp"
#include "core/conv/premultiplied_alpha.hpp"
#include "core/conv/real_convolver.hpp"
#include "core/conv/row_convolver.hpp"
#include "core/conv/rows_image.hpp"
#include "core/conv/streamed_convolution.hpp"
#include "core/conv/streamed_rows.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/geometry/output_size_target.hpp"
#include "core/image/sample_depth.hpp"
#include "core/kernel/rank_one.hpp"
#include "core/schedule/worker_threads.hpp"
#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/jpeg/jpeg_encoder.hpp"
#include "io/npy/npy_encoder.hpp"
#include "io/output/image_encoder.hpp"
#include "io/output/output_file.hpp"
#include "io/output/output_format.hpp"
#include "io/png/png_encoder.hpp"
#include "io/quoted_text.hpp"
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace tconv::cli {
namespace {

/// How an input's result is computed: by the planned pixel strategy, or as real-valued sums in double
/// (the .npy output's float32 values; premultiplied alpha's division by the convolved alpha).
ComputePlan real_plan(const AlphaPlan* premultiply) {
    return {core::ResultKind::RealSums,
            premultiply ? "premultiplied alpha (" + premultiply->why + "): colours times alpha, divided by the convolved alpha"
                        : ".npy output: float32 sums, unclamped and unrounded"};
}

/// Writes the pixels `rows` produces (out.w * channels samples of `rows_depth` bits a row) to `file`
/// as `format` at `depth`: streamed where the format's writer takes rows, else gathered whole. Returns
/// how the output was written, for -v.
std::string write_pixels(const core::RowProducer& rows, int rows_depth, core::Extent2 out, int channels, io::OutputFormat format,
                         const JobPlan& job, int threads, int depth, const io::ImageMetadata& metadata, io::OutputFile& file) {
    const auto samples = static_cast<std::size_t>(out.w * channels);
    if (format == io::OutputFormat::png) {
        // Rows go from the convolution straight into the PNG filters and compressor, a segment per
        // thread at a time, and out to the file in order: no full-size image.
        io::PngOptions png = job.png;
        png.depth = depth;
        io::encode_png_rows(out, channels, core::rows_at_depth(rows, rows_depth, depth, samples), png, threads, file, metadata);
        return png.compression == 1 || png.compression == 2 ? "PNG segments (streamed)" : "PNG (compressed whole)";
    }
    if (format == io::OutputFormat::jpeg) {
        // Scanlines go to libjpeg in order as blocks of them are computed: no full-size image.
        io::encode_jpeg_rows(out, channels, core::rows_at_depth(rows, rows_depth, 8, samples), job.encode.quality, threads, file,
                             metadata);
        return io::jpeg_optimises_huffman(out, channels, job.encode.quality)
                   ? "JPEG scanlines (streamed; Huffman tables made for the image, whole coefficients held)"
                   : "JPEG scanlines (streamed; standard Huffman tables)";
    }
    if (io::encodes_rows(format)) {
        // Rows go to the encoder in order as blocks of them are computed: no full-size image.
        io::encode_image_rows(out, channels, depth, core::rows_at_depth(rows, rows_depth, depth, samples), format, threads, file,
                              metadata);
        return std::string(io::output_format_text(format)) +
               (format == io::OutputFormat::tiff ? " strips (streamed)" : " rows (streamed)");
    }
    core::Image image = core::image_from_rows(rows, out, channels, rows_depth, threads);
    file.write(io::encode_image(core::with_depth(std::move(image), depth), format, job.encode, metadata));
    return std::string(io::output_format_text(format)) + " (encoded whole)";
}

/// Writes a real-valued result, `sums` (rows of out.w * channels doubles), to `file`: the sums
/// themselves as .npy rows, else their pixels quantised at the input's depth `sum_depth` and written at
/// `depth`. Returns how the output was written, for -v.
std::string write_real(const core::RealRowProducer& sums, core::Extent2 out, int channels, io::OutputFormat format,
                       const JobPlan& job, int threads, int sum_depth, int depth, const io::ImageMetadata& metadata,
                       io::OutputFile& file) {
    if (format == io::OutputFormat::npy) {
        io::encode_npy_rows(out, channels, sums, threads, file);
        return ".npy rows (streamed)";
    }
    const core::RowProducer pixels = core::quantised_rows(sums, sum_depth, static_cast<std::size_t>(out.w * channels));
    return write_pixels(pixels, sum_depth, out, channels, format, job, threads, depth, metadata, file);
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
    const bool premultiply = job.alpha.premultiplied && core::has_alpha(header.channels);
    if (premultiply && job.schedule.strategy) {
        r.ok = false;
        r.error = "--strategy: the image has alpha, which " + job.alpha.why +
                  " premultiplies in real-valued sums; --alpha straight convolves it with the strategy";
        o.error_line = error_line(io::quoted_text(input), r.error);
        return;
    }
    const bool real = premultiply || format == io::OutputFormat::npy;
    // What reads rows out of order takes the whole input: turning it upright, the literal scatter.
    const char* whole_for = job.auto_orient && orientation != 1                    ? "to be turned upright"
                            : job.schedule.strategy == core::ConvStrategy::Scatter ? "for the literal scatter"
                                                                                   : nullptr;
    const bool whole = !reader->streams() || whole_for != nullptr;
    io::LoadedImage loaded;
    if (whole) {
        loaded = read_whole(*reader);
    } else {
        loaded.reduced_from_16_bit = reader->loaded().reduced_from_16_bit;
        loaded.ignored_frames = reader->loaded().ignored_frames;
        loaded.metadata = reader->loaded().metadata;
        loaded.image = header;  // the shape alone: a streamed input is used as stored, so it needs no turn
    }
    o.warnings = load_warnings(input, loaded);
    loaded.image = oriented_image(input, std::move(loaded.image), orientation, job.auto_orient, o.warnings);
    const core::Image& image = loaded.image;  // pixels only when whole
    r.source = reader->streams() && whole ? fmt::format("{}, read whole {}", reader->how(), whole_for) : reader->how();
    r.in_size = image.size();
    r.channels = image.channels;
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
        r.plan = real_plan(premultiply ? &job.alpha : nullptr);
    else
        r.plan = convolver.emplace(rows, plan.kernel, *r.shape, job.schedule).plan();
    if (const std::int64_t work =
            real ? core::conv_multiply_adds(image.size(), image.channels, plan.kernel.size)
                 : core::strategy_multiply_adds(*r.plan->strategy, image.size(), image.channels, plan.kernel.size, out);
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
        // Rows of sums in double from the input's rows, streamed as the pixel strategies' are.
        const core::RealConvolver sums(rows, plan.kernel, *r.shape,
                                       premultiply ? core::RealSamples::Premultiplied : core::RealSamples::Stored);
        std::optional<core::StreamedRows> streamed;
        if (window)
            streamed.emplace(
                out.h, [&](std::int64_t y0, std::int64_t y1) { return sums.input_rows(y0, y1); }, *window);
        const core::RealRowProducer summed = [&](std::int64_t y0, std::int64_t y1, const core::RealRowSink& sink) {
            if (streamed) return streamed->run(y0, y1, [&] { sums.sum_rows(y0, y1, sink); });
            sums.sum_rows(y0, y1, sink);
        };
        r.sink = write_real(summed, out, image.channels, format, job, threads, image.depth, depth, metadata.kept, file);
    } else {
        std::optional<core::StreamedConvolution> streamed;
        if (window) streamed.emplace(*convolver, *window);
        const core::RowProducer convolved = [&](std::int64_t y0, std::int64_t y1, const core::RowSink& sink) {
            if (streamed) return streamed->convolve_rows(y0, y1, sink);
            convolver->convolve_rows(y0, y1, sink);
        };
        r.sink =
            write_pixels(convolved, convolver->depth(), out, image.channels, format, job, threads, depth, metadata.kept, file);
    }
    if (!whole) reader->finish();  // the rest of the file checked before the output takes its name
    file.commit();
    r.ok = true;
}

}  // namespace

Outcome run_input(const std::string& input, const std::string& output, io::OutputFormat format, const JobPlan& job, int threads) {
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

}  // namespace tconv::cli
