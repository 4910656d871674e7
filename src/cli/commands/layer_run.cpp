// run_layer_input: the layer's path through load -> plan -> convolve -> encode, beside the main job's.
#include "cli/commands/layer_run.hpp"

#include <fmt/format.h>

#include "cli/options/max_work_option.hpp"
#include "cli/options/orientation_option.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/diagnostics.hpp"
#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/image/channel_conversion.hpp"
#include "core/image/sample_depth.hpp"
#include "core/layer/layer_conv.hpp"
#include "io/io_error.hpp"
#include "io/layers/layer_input.hpp"
#include "io/npy/npy_encoder.hpp"
#include "io/quoted_text.hpp"
#include "pictures/feature_sheet.hpp"

namespace tconv::cli {
namespace {

/// The largest sample of the 8-bit images the main job reads and writes: --range's MAX.
constexpr double sample_max = 255.0;

const char* image_kind(int channels) {
    static const char* const kinds[] = {"grey", "grey+alpha", "RGB", "RGBA"};
    return channels >= 1 && channels <= 4 ? kinds[channels - 1] : "feature maps";
}

std::vector<std::uint8_t> encode_pixels(const core::Image& pixels, const LayerEncoding& e) {
    return e.format == io::OutputFormat::png ? io::encode_png(pixels, e.png, e.threads)
                                             : io::encode_image(pixels, e.format, e.encode);
}

/// `values` unmapped by --range, in place.
void unmap_all(core::RealImage& values, core::SampleRange range) {
    if (range == core::SampleRange::Samples) return;
    for (double& v : values.values) v = core::unmap_sample(v, range, sample_max);
}

}  // namespace

void check_layer_outputs(const LayerJob& job, const std::vector<io::OutputFormat>& formats) {
    const int c_out = job.file.layer.out_channels;
    for (const io::OutputFormat f : formats) {
        if (job.feature_maps && f == io::OutputFormat::npy)
            throw UsageError("--feature-maps", "draws an image of the channels, which .npy does not hold: give an image format");
        if (!job.feature_maps && c_out > 4 && f != io::OutputFormat::npy)
            throw UsageError("--layer " + io::quoted_text(job.spec),
                             fmt::format("the layer has {} output channels, more than an image holds: write .npy or give "
                                         "--feature-maps",
                                         c_out));
    }
}

LayerResult run_layer_input(const std::string& input, const std::string& output, const LayerJob& job, const io::LoadLimits& caps,
                            std::int64_t max_work, bool auto_orient, const LayerEncoding& encoding, InputReport& r) {
    LayerResult result;
    const core::ConvLayer& layer = job.file.layer;
    io::LoadLimits limits = caps;
    const bool as_npy = encoding.format == io::OutputFormat::npy;
    // The output made: C_out float32 values a pixel (.npy, or the values a --feature-maps sheet is
    // drawn from), else an 8-bit image of C_out channels.
    auto over_cap = [&](core::Extent2 in) {
        const core::Extent2 out = core::plan_output_shape(in, layer_geometry(job, in)).out();
        static_cast<void>(core::checked_mul(out.h, out.w));  // a size past 64 bits is refused as such
        const std::string problem = io::pixel_cap_problem(
            "output would be", {out, layer.out_channels, as_npy || job.feature_maps ? 4 : 1}, caps.max_pixels);
        if (!problem.empty()) throw io::IoError(input, problem);
    };
    // The layer's work depends on the input's pixels alone (its channels must be C_in), so --max-work
    // is checked from the header too, before any sample is decoded.
    auto over_work = [&](core::Extent2 in) {
        const core::LayerPlan plan = core::plan_layer(in, layer.in_channels, layer, layer_geometry(job, in));
        if (plan.multiply_adds > max_work) throw io::IoError(input, work_limit_reason(plan.multiply_adds, max_work));
    };
    limits.check_size = [&](const io::HeaderShape& header) {
        const core::Extent2 in = header.size;
        over_work(in);  // the same either way up
        if (!auto_orient) return over_cap(in);
        try {
            over_cap(in);
        } catch (const io::IoError&) {
            over_cap({in.w, in.h});  // refused only if both ways are over
        }
    };
    io::LayerInput loaded = io::load_layer_input(input, limits);
    core::RealImage x;
    if (loaded.image) {
        if (loaded.image->image.depth != 8) {
            // The layer path works at 8 bits, as compare, animate and fit do: said by load_warnings.
            loaded.image->image = core::with_depth(loaded.image->image, 8);
            loaded.image->rounded_to_8_bit = true;
        }
        core::Image image = std::move(loaded.image->image);
        result.warnings = load_warnings(input, *loaded.image);
        // A layer's output channels need not be the input's (an RGB profile on grey, EXIF's colour
        // space), so nothing is carried: said once.
        if (!loaded.image->metadata.empty())
            result.warnings.push_back(warning_line(fmt::format(
                "{}: its metadata (ICC profile, EXIF, resolution) is not carried through --layer", io::quoted_text(input))));
        image = oriented_image(input, std::move(image), loaded.image->orientation, auto_orient, result.warnings);
        over_cap(image.size());
        if (job.channels) {
            if (core::conversion_drops_alpha(image.channels, *job.channels))
                result.warnings.push_back(warning_line(fmt::format("{}: --channels {}: the alpha channel is dropped",
                                                                   io::quoted_text(input), *job.channels == 1 ? "gray" : "rgb")));
            image = core::convert_channels(image, *job.channels);
        }
        x = core::real_image(image);
    } else {
        if (job.channels) throw core::InvalidParams("--channels converts images; the values of an .npy array go in as they are");
        x = std::move(*loaded.npy);
    }
    r.in_size = x.size;
    r.channels = x.channels;
    if (job.range != core::SampleRange::Samples)
        for (double& v : x.values) v = core::map_sample(v, job.range, sample_max);
    const core::LayerPlan plan = core::plan_layer(x.size, x.channels, layer, layer_geometry(job, x.size));
    r.shape = plan.shape;
    r.plan = ComputePlan(core::ResultKind::LayerChannels,
                         fmt::format("{} multiply-adds, {} -> {} channels, range {}, output {}", plan.multiply_adds,
                                     plan.in_channels, plan.out_channels, core::sample_range_name(job.range),
                                     as_npy             ? "float32 .npy"
                                     : job.feature_maps ? "feature-map sheet"
                                                        : image_kind(plan.out_channels)));
    if (plan.multiply_adds > max_work) throw core::InvalidParams(work_limit_reason(plan.multiply_adds, max_work));
    if (as_npy) {
        // Each row goes into the file's bytes as it is computed: no whole output in double beside them.
        const core::Extent2 out = plan.shape.out();
        const std::int64_t shape[] = {out.h, out.w, plan.out_channels};
        io::NpyFloat32File file(shape);
        core::conv_layer_rows(
            x, layer, plan, job.range, sample_max, encoding.threads,
            [&](std::int64_t y, std::span<const double> row) { file.put(static_cast<std::size_t>(y) * row.size(), row); });
        result.bytes = std::move(file).release();
        return result;
    }
    if (job.feature_maps) {
        core::RealImage y = core::conv_layer(x, layer, plan, encoding.threads);
        unmap_all(y, job.range);
        // The sheet is an image of its own, many times the values' pixels for small maps: counted
        // before it is drawn.
        const std::string problem =
            io::pixel_cap_problem("feature-map sheet would be", {pictures::feature_sheet_size(y), 3, 1}, caps.max_pixels);
        if (!problem.empty()) throw core::InvalidParams(problem);
        result.bytes = encode_pixels(pictures::compose_feature_sheet(y), encoding);
        return result;
    }
    const std::string dropped = io::dropped_by(encoding.format, plan.out_channels);
    if (!dropped.empty()) result.warnings.push_back(warning_line(fmt::format("{}: {}", io::quoted_text(output), dropped)));
    result.bytes = encode_pixels(core::conv_layer_image(x, layer, plan, job.range, sample_max, encoding.threads), encoding);
    return result;
}

}  // namespace tconv::cli
