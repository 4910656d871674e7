// `tconv animate`: plan -> load -> crop -> partial scatters, one per frame -> APNG -> write -> report.
#include "cli/commands/animate_command.hpp"
#include "cli/report/single_input_errors.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/options/geometry_options.hpp"
#include "cli/options/input_list.hpp"
#include "cli/options/integer_option.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/options/orientation_option.hpp"
#include "cli/options/teaching_output.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/options/write_options.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/report.hpp"
#include "core/conv/conv_work.hpp"
#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/image/image_crop.hpp"
#include "io/input/image_file.hpp"
#include "io/input/loaded_image.hpp"
#include "io/io_error.hpp"
#include "io/output/output_file.hpp"
#include "io/png/apng_encoder.hpp"
#include "io/quoted_text.hpp"
#include "pictures/scatter_animation.hpp"

namespace tconv::cli {
namespace {

constexpr const char* description =
    "Write the transposed convolution as an animated PNG (APNG). The article's scatter, each frame "
    "adding the next input pixels' stamps (pixel x kernel, placed at stride steps, added where they overlap)";

constexpr const char* footer =
    "Frames: with P input pixels and F = min(--max-frames, P), frame 0 is all zero and frame k (1..F)\n"
    "holds the stamps of the first floor(k * P / F) input pixels in row-major order, clamped to 0..255\n"
    "and rounded; frame F is the main job's output for the same geometry (zero edges). --zoom N shows\n"
    "each frame enlarged N times with grid lines, the stamps the frame added outlined in magenta.\n"
    "Examples:\n"
    "  tconv animate article.png -f 3 -s 4 --output-padding 1 -o stripes.png --zoom 16   # 17 frames\n"
    "  tconv animate photo.png -f 4 -s 2 -p 1 -k bilinear --crop 100,200,32,32 -o part.png --zoom 8\n"
    "Exit status: 0 written; 1 the input could not be read or cropped, or the file written; 2 usage error.";

/// The largest frame (16 Mi pixels) and the most frames one animation may have.
constexpr std::int64_t max_frame_pixels = std::int64_t{1} << 24;
constexpr std::int64_t max_frames_limit = 10000;

struct AnimateOptions {
    GeometryOptions geometry;
    std::string input;
    std::string output;
    std::int64_t max_frames = 64;
    std::int64_t zoom = 1;
    int delay_ms = 100;
    std::string crop;
    bool auto_orient = false;  ///< --auto-orient
    std::int64_t max_work = default_max_work;
    std::int64_t max_pixels = std::int64_t{1} << 28;
    io::WriteOptions write;  ///< --no-fsync
};

int run_animate(const AnimateOptions& o) {
    const GeometryPlan plan = plan_geometry(o.geometry, o.max_work);
    require_png_output(o.output);
    check_output_path(o.output);
    std::optional<core::CropRect> crop;
    if (!o.crop.empty()) crop = as_usage_error("--crop", [&] { return core::parse_crop(o.crop); });
    refuse_overwriting_inputs({o.output}, {o.input});

    return with_single_input_errors(o.input, o.output, [&] {
        io::LoadedImage loaded = io::load_image_8_bit(o.input, io::LoadLimits{o.max_pixels});
        std::vector<std::string> warnings = load_warnings(o.input, loaded);
        // --crop counts the rows and columns of the image as it is used, upright with --auto-orient.
        const core::Image whole = oriented_image(o.input, std::move(loaded.image), loaded.orientation, o.auto_orient, warnings);
        for (const std::string& line : warnings) fmt::print(stderr, "{}\n", line);
        const core::Image input = crop ? core::crop_image(whole, *crop) : whole;
        const core::OutputShape shape = core::plan_output_shape(input.size(), plan.geometry);
        const core::Extent2 in = shape.in(), out = shape.out();
        // Checked before the scatter's sums are allocated, which also keeps the zoomed size far from overflow.
        const auto too_large = [](core::Extent2 size) {
            if (core::checked_mul(size.h, size.w) > max_frame_pixels)
                throw core::InvalidParams(
                    fmt::format("a frame would be {} pixels, over the limit of {}", extent_text(size), max_frame_pixels));
        };
        too_large(out);
        // Every frame is made and encoded: the animation counts them all, before the first is drawn.
        const core::Extent2 frame_size = pictures::animation_frame_size(out, o.zoom);
        too_large(frame_size);
        const std::int64_t frames = std::min(o.max_frames, in.h * in.w) + 1;
        const std::string problem =
            io::pixel_cap_problem("animation would be", {frame_size, o.zoom > 1 ? 3 : input.channels, 1, frames}, o.max_pixels);
        if (!problem.empty()) throw core::InvalidParams(problem);
        // The partial scatter, then the main job's convolution for the last frame: twice the work.
        if (const std::int64_t work =
                core::saturating_mul(core::conv_multiply_adds(input.size(), input.channels, plan.kernel.size), 2);
            work > o.max_work)
            throw core::InvalidParams(work_limit_reason(work, o.max_work));
        pictures::ScatterAnimation animation(input, plan.kernel, shape, o.max_frames, o.zoom,
                                             static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        const std::int64_t groups = animation.frames() - 1;
        io::write_file_atomically(
            o.output,
            io::encode_apng(
                animation.frames(), [&](std::int64_t k) { return animation.frame(k); }, static_cast<std::uint16_t>(o.delay_ms)),
            o.write);
        fmt::print("{}: {} -> {} (HxW); {}; {} frames of {}, {} ms each, {} to {} input pixels added per frame\n", o.output,
                   extent_text(in), extent_text(out), shape_formula(shape), animation.frames(), extent_text(frame_size),
                   o.delay_ms, in.h * in.w / groups, (in.h * in.w + groups - 1) / groups);
        return exit_ok;
    });
}

}  // namespace

Command add_animate_command(CLI::App& parent) {
    auto options = std::make_shared<AnimateOptions>();
    CLI::App* app = parent.add_subcommand("animate", description);
    app->footer(footer);
    app->add_option("INPUT", options->input,
                    fmt::format("Input image; - reads stdin. Formats, from the first bytes: {} (an animation's first frame)",
                                io::readable_formats))
        ->type_name("FILE")
        ->required();
    add_geometry_options(*app, options->geometry);
    app->add_option("-o,--output", options->output, "The animation: an APNG file, named .png")->type_name("ANIM.png")->required();
    app->add_option("--max-frames", options->max_frames,
                    "Frames after the empty first one, at most. The input pixels are grouped evenly")
        ->type_name("M")
        ->capture_default_str()
        ->transform(decimal_integer(1, max_frames_limit));
    app->add_option("--zoom", options->zoom,
                    "Enlarge each frame N times, with grid lines. Nearest neighbour, in RGB (alpha dropped), outlining "
                    "the stamps just added; 1 keeps the output's own pixels")
        ->type_name("N")
        ->capture_default_str()
        ->transform(decimal_integer(1, 64));
    app->add_option("--delay", options->delay_ms, "How long each frame shows, in milliseconds")
        ->type_name("MS")
        ->capture_default_str()
        ->transform(decimal_integer(0, 65535));
    app->add_option(
           "--crop", options->crop,
           "Animate part of the input: rows Y..Y+H-1, columns X..X+W-1. Of the image as used, upright with --auto-orient")
        ->type_name("Y,X,H,W");
    app->add_option("--max-pixels", options->max_pixels,
                    "Refuse an input or animation of more pixels than this. The input from its header, the "
                    "animation's frames all counted, before the first is drawn")
        ->type_name("N")
        ->capture_default_str()
        ->transform(decimal_integer(1, std::uint64_t{1} << 40));
    add_auto_orient_flag(*app, options->auto_orient);
    add_max_work_option(*app, options->max_work);
    add_write_options(*app, options->write);
    return {app, [options] { return run_animate(*options); }};
}

}  // namespace tconv::cli
