// `tconv demo`: the article's demos computed with the main job's own planning and convolution, so
// what a reader sees is what `tconv` does.
#include "cli/commands/demo_command.hpp"

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands/compare_command.hpp"
#include "cli/commands/demo_page.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/extent_text.hpp"
#include "cli/report/gain_json.hpp"
#include "cli/report/overlap_report.hpp"
#include "cli/report/report.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"
#include "core/kernel/overlap_map.hpp"
#include "core/kernel/phase_gains.hpp"
#include "io/io_error.hpp"
#include "io/output/output_file.hpp"
#include "io/png/apng_encoder.hpp"
#include "io/png/png_encoder.hpp"
#include "pictures/article_image.hpp"
#include "pictures/contact_sheet.hpp"
#include "pictures/enlarge.hpp"
#include "pictures/overlap_image.hpp"
#include "pictures/scatter_animation.hpp"
#include "pictures/view.hpp"

namespace tconv::cli {
namespace {

constexpr const char* footer =
    "Examples:\n"
    "  tconv demo                # into the current directory\n"
    "  tconv demo -d demos       # into demos/, created when missing; open demos/index.html\n"
    "Exit status: 0 every file written; 1 a file could not be written; 2 usage error.";

/// One demo: a name (its file stem), the options a user would type, and the geometry they mean.
struct Demo {
    const char* name;
    const char* options;      ///< for the printed line: the main job's options
    const char* caption;      ///< for the contact sheet: short enough to fit under a panel
    const char* explanation;  ///< for the page: what to look at
    core::Extent2 kernel;
    core::Extent2 stride;
    std::optional<core::Extent2> output_padding;
};

const std::vector<Demo> demos{
    {"stripes",
     "-f 3 -s 4 -p 0 --output-padding 1",
     "K3 S4 P0 OP1",
     "Each 3x3 stamp lands 4 pixels after the last, so every fourth row and column (3, 7, 11, 15) is reached by no "
     "tap and stays black; the output padding adds the last of them.",
     {3, 3},
     {4, 4},
     core::Extent2{1, 1}},
    {"blocks",
     "-f 4 -s 4",
     "K4 S4 P0",
     "Kernel 4 equals stride 4: the stamps touch without overlapping, which is nearest-neighbour upsampling x4.",
     {4, 4},
     {4, 4},
     std::nullopt},
    {"overlap",
     "-f 5 -s 4",
     "K5 S4 P0",
     "Kernel 5 is one more than stride 4: neighbouring stamps overlap by one row and column and add there, so red + "
     "green = yellow, and white plus anything stays white (clamped at 255).",
     {5, 5},
     {4, 4},
     std::nullopt},
};

constexpr const char* article_colours =
    "red green blue white / black yellow cyan magenta / orange gray purple white / blue black red green";
constexpr const char* animation_file = "stripes-anim.png";
constexpr std::int64_t animation_frames = 64;  // more than the 16 pixels: one stamp per frame
constexpr std::uint16_t animation_delay_ms = 500;
constexpr const char* checkerboard_kernel = "0.5,0.5,0.5;0.5,0.5,0.5;0.5,0.5,0.5";
constexpr const char* compare_file = "checkerboard-compare.png";

core::Geometry demo_geometry(core::Extent2 kernel, core::Extent2 stride, std::optional<core::Extent2> output_padding) {
    core::Geometry g;
    g.kernel = kernel;
    g.stride = stride;
    g.output_padding = output_padding;
    return g;
}

std::string join(const std::string& dir, const std::string& name) { return dir.ends_with('/') ? dir + name : dir + "/" + name; }

class DemoWriter {
public:
    explicit DemoWriter(std::string dir) : dir_(std::move(dir)) {}

    /// Encodes DIR/NAME with `encode` (whose IoError has no file name) and keeps the bytes for publish();
    /// returns the path.
    template <class Encode>
    std::string write_bytes(const std::string& name, Encode encode) {
        const std::string path = join(dir_, name);
        try {
            const auto bytes = encode();
            files_.push_back(
                {path, std::vector<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                                 reinterpret_cast<const std::uint8_t*>(bytes.data()) + bytes.size())});
        } catch (const io::IoError& e) {
            throw io::IoError(path, e.what());
        }
        return path;
    }

    /// Keeps `line` (with its newline) to be printed by publish().
    void say(std::string line) { lines_.push_back(std::move(line)); }

    /// Writes every kept file, then prints every kept line. Everything is computed and encoded before
    /// the first file is written, so running out of memory leaves nothing behind.
    void publish() const {
        for (const auto& [path, bytes] : files_) io::write_file_atomically(path, bytes);
        for (const std::string& line : lines_) fmt::print("{}", line);
    }

    /// Encodes `img` as DIR/NAME (PNG) for publish() and returns the path.
    std::string write(const std::string& name, const core::Image& img) {
        return write_bytes(name, [&] { return io::encode_png(img); });
    }

    /// Encodes the enlarged copy of `img` as DIR/STEM-xN.png, says so, and returns it and its name.
    std::pair<core::Image, std::string> write_enlarged(const std::string& stem, const core::Image& img) {
        const std::int64_t factor = pictures::view_factor(img.size());
        core::Image big = pictures::enlarge_with_grid(img, factor, pictures::grid_value);
        const std::string name = fmt::format("{}-x{}.png", stem, factor);
        say(fmt::format("{}: {}.png enlarged x{} (nearest, grid lines between cells), {}\n", write(name, big), stem, factor,
                        extent_text(big.size())));
        return {std::move(big), name};
    }

private:
    std::string dir_;
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> files_;
    std::vector<std::string> lines_;
};

int run_demo(const std::string& dir) {
    try {
        std::filesystem::create_directories(dir);
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(stderr, "{}\n", error_line(dir, e.code().message()));
        return exit_input_failed;
    }
    DemoWriter writer(dir);
    std::vector<pictures::SheetPanel> panels;
    DemoPage page;
    try {
        const core::Image input = pictures::article_image();
        writer.say(fmt::format("{}: {} (HxW, 3 channels), the article's input: {}\n", writer.write("article.png", input),
                               extent_text(input.size()), article_colours));
        auto [input_view, input_name] = writer.write_enlarged("article", input);
        page.input = {input_name, input_view.size(), "the article's 4x4 input, enlarged"};
        page.input_colours = article_colours;
        panels.push_back({std::move(input_view), {"INPUT", extent_text(input.size())}});

        for (const Demo& d : demos) {
            const core::Geometry g = demo_geometry(d.kernel, d.stride, d.output_padding);
            const core::Kernel kernel = core::ones_kernel(d.kernel);
            const core::OutputShape shape = core::plan_output_shape(input.size(), g);
            const core::Image out = core::transposed_conv(input, kernel, shape, 1);
            const std::string name = fmt::format("{}.png", d.name);
            const std::string command = fmt::format("tconv article.png {} -o {}", d.options, name);
            const std::string ratio = overlap_ratio(d.kernel.h, d.stride.h, 1);
            writer.say(fmt::format("{}: {} ({}): {} -> {}; {}\n", writer.write(name, out), command, ratio,
                                   extent_text(input.size()), extent_text(out.size()), shape_formula(shape)));
            auto [view, view_name] = writer.write_enlarged(d.name, out);
            const core::Image map = pictures::enlarged_view(pictures::overlap_image(core::overlap_map(shape)));
            const std::string map_name = fmt::format("{}-counts-x{}.png", d.name, pictures::view_factor(out.size()));
            writer.say(
                fmt::format("{}: how many input pixels reach each pixel of {} (tconv overlap: white = the most, black = none), "
                            "enlarged x{}, {}\n",
                            writer.write(map_name, map), name, pictures::view_factor(out.size()), extent_text(map.size())));
            page.demos.push_back(
                {d.name, command, shape_formula(shape), ratio, score_text(core::gain_summary(kernel, g.stride, g.dilation)),
                 d.explanation, PageImage{view_name, view.size(), fmt::format("{}: {}, enlarged", name, extent_text(out.size()))},
                 PageImage{map_name, map.size(), fmt::format("{}: input pixels per output pixel", d.name)}});
            panels.push_back({std::move(view),
                              {d.name, d.caption, fmt::format("{} -> {}", extent_text(input.size()), extent_text(out.size()))}});
        }
        const core::Image sheet = pictures::compose_contact_sheet(panels);
        writer.say(fmt::format("{}: the input and the demos side by side, {}\n", writer.write("contact-sheet.png", sheet),
                               extent_text(sheet.size())));
        page.contact_sheet = {"contact-sheet.png", sheet.size(), "the input and the three demos side by side"};

        // The stripes demo as it happens, one pixel per frame, zoomed like its enlarged copy.
        const Demo& stripes = demos.front();
        const core::OutputShape stripes_shape =
            core::plan_output_shape(input.size(), demo_geometry(stripes.kernel, stripes.stride, stripes.output_padding));
        pictures::ScatterAnimation animation(input, core::ones_kernel(stripes.kernel), stripes_shape, animation_frames,
                                             pictures::view_factor(stripes_shape.out()), 1);
        page.animation_command = fmt::format("tconv animate article.png {} --zoom {} --delay {} -o {}", stripes.options,
                                             pictures::view_factor(stripes_shape.out()), animation_delay_ms, animation_file);
        writer.say(fmt::format("{}: {}: {} frames of {}\n",
                               writer.write_bytes(animation_file,
                                                  [&] {
                                                      return io::encode_apng(
                                                          animation.frames(), [&](std::int64_t k) { return animation.frame(k); },
                                                          animation_delay_ms);
                                                  }),
                               page.animation_command, animation.frames(), extent_text(animation.frame_size())));
        page.animation = {animation_file, animation.frame_size(), "the stripes demo, one stamp per frame"};

        // A checkerboard: k3 s2 with taps 0.5 gives phase gains 2 1 / 1 0.5, against resize-convolution's 1.
        core::Geometry g = demo_geometry({3, 3}, {2, 2}, std::nullopt);
        const core::Kernel half = core::make_kernel(core::parse_kernel_spec(checkerboard_kernel), std::nullopt, g.stride);
        const Comparison c = compare(input, half, g);
        page.compare_command =
            fmt::format("tconv compare article.png -f 3 -s 2 -k '{}' -o {}", checkerboard_kernel, compare_file);
        std::vector<std::string> gain_lines;
        for (const std::vector<double>& row : gain_rows(c.tconv_table))
            gain_lines.push_back(fmt::format("{:g}", fmt::join(row, " ")));
        page.compare_scores =
            fmt::format("Phase gains {}: checkerboard score {} for the transposed convolution, {} for the resize-convolution.",
                        fmt::join(gain_lines, " / "), score_text(c.tconv_summary), score_text(c.resize_summary));
        writer.say(fmt::format("{}: {}: checkerboard score {} beside the resize-convolution's {}, {}\n",
                               writer.write(compare_file, c.sheet.sheet), page.compare_command, score_text(c.tconv_summary),
                               score_text(c.resize_summary), extent_text(c.sheet.sheet.size())));
        page.compare_sheet = {compare_file, c.sheet.sheet.size(), "the compare sheet of the checkerboard case"};

        writer.say(fmt::format("{}: one page walking through the article, with every file above\n",
                               writer.write_bytes("index.html", [&] { return demo_page_html(page); })));
        writer.publish();
    } catch (const io::IoError& e) {
        fmt::print(stderr, "{}\n", error_line(e.file(), e.what()));
        return exit_input_failed;
    }
    return exit_ok;
}

}  // namespace

Command add_demo_command(CLI::App& parent) {
    auto dir = std::make_shared<std::string>(".");
    CLI::App* app =
        parent.add_subcommand("demo",
                              "Write the article's demos, their pictures and one page about them. The 4x4 colour image, its "
                              "demos (stripes, blocks, overlapping kernels), an "
                              "enlarged copy and overlap map of each, a contact sheet, an animation of the stripes demo, "
                              "a compare sheet of a checkerboard case, and index.html, one page walking through them all, "
                              "printing the sizes and formulas");
    app->footer(footer);
    app->add_option("-d,--out-dir", *dir, "Directory to write into, created when missing")
        ->type_name("DIR")
        ->capture_default_str();
    return {app, [dir] { return run_demo(*dir); }};
}

}  // namespace tconv::cli
