// `tconv demo`: the article's demos computed with the main job's own planning and convolution, so
// what a reader sees is what `tconv` does.
#include "cli/demo_command.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/extent_text.hpp"
#include "cli/overlap_report.hpp"
#include "cli/report.hpp"
#include "core/kernel.hpp"
#include "core/output_shape.hpp"
#include "core/transposed_conv.hpp"
#include "io/io_error.hpp"
#include "io/output_file.hpp"
#include "io/png_encoder.hpp"
#include "pictures/article_image.hpp"
#include "pictures/contact_sheet.hpp"
#include "pictures/enlarge.hpp"
#include "pictures/view.hpp"

namespace tconv::cli {
namespace {

constexpr const char* footer =
    "Examples:\n"
    "  tconv demo                # into the current directory\n"
    "  tconv demo -d demos       # into demos/, created when missing\n"
    "Exit status: 0 every file written; 1 a file could not be written; 2 usage error.";

/// One demo: a name (its file stem), the options a user would type, and the geometry they mean.
struct Demo {
    const char* name;
    const char* options;  ///< for the printed line: the main job's options
    const char* caption;  ///< for the contact sheet: short enough to fit under a panel
    core::Extent2 kernel;
    core::Extent2 stride;
    std::optional<core::Extent2> output_padding;
};

const std::vector<Demo> demos{
    {"stripes", "-f 3 -s 4 -p 0 --output-padding 1", "K3 S4 P0 OP1", {3, 3}, {4, 4}, core::Extent2{1, 1}},
    {"blocks", "-f 4 -s 4", "K4 S4 P0", {4, 4}, {4, 4}, std::nullopt},
    {"overlap", "-f 5 -s 4", "K5 S4 P0", {5, 5}, {4, 4}, std::nullopt},
};

std::string join(const std::string& dir, const std::string& name) { return dir.ends_with('/') ? dir + name : dir + "/" + name; }

class DemoWriter {
public:
    explicit DemoWriter(std::string dir) : dir_(std::move(dir)) {}

    /// Writes `img` as DIR/NAME and returns the path.
    std::string write(const std::string& name, const core::Image& img) const {
        const std::string path = join(dir_, name);
        try {
            io::write_file_atomically(path, io::encode_png(img));
        } catch (const io::IoError& e) {
            throw io::IoError(e.file().empty() ? path : e.file(), e.what());
        }
        return path;
    }

    /// Writes the enlarged copy of `img` as DIR/STEM-xN.png, prints it, and returns it.
    core::Image write_enlarged(const std::string& stem, const core::Image& img) const {
        const std::int64_t factor = pictures::view_factor(img.size());
        core::Image big = pictures::enlarge_with_grid(img, factor, pictures::grid_value);
        const std::string path = write(fmt::format("{}-x{}.png", stem, factor), big);
        fmt::print("{}: {}.png enlarged x{} (nearest, grid lines between cells), {}\n", path, stem, factor,
                   extent_text(big.size()));
        return big;
    }

private:
    std::string dir_;
};

int run_demo(const std::string& dir) {
    try {
        std::filesystem::create_directories(dir);
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(stderr, "{}\n", error_line(dir, e.code().message()));
        return exit_input_failed;
    }
    const DemoWriter writer(dir);
    std::vector<pictures::SheetPanel> panels;
    try {
        const core::Image input = pictures::article_image();
        fmt::print(
            "{}: {} (HxW, 3 channels), the article's input: red green blue white / black yellow cyan magenta / "
            "orange gray purple white / blue black red green\n",
            writer.write("article.png", input), extent_text(input.size()));
        panels.push_back({writer.write_enlarged("article", input), {"INPUT", extent_text(input.size())}});

        for (const Demo& d : demos) {
            core::Geometry g;
            g.kernel = d.kernel;
            g.stride = d.stride;
            g.output_padding = d.output_padding;
            const core::OutputShape shape = core::plan_output_shape(input.size(), g);
            const core::Image out = core::transposed_conv(input, core::ones_kernel(d.kernel), shape, 1);
            const std::string name = fmt::format("{}.png", d.name);
            fmt::print("{}: tconv article.png {} -o {} ({}): {} -> {}; {}\n", writer.write(name, out), d.options, name,
                       overlap_ratio(d.kernel.h, d.stride.h, 1), extent_text(input.size()), extent_text(out.size()),
                       shape_formula(shape));
            panels.push_back({writer.write_enlarged(d.name, out),
                              {d.name, d.caption, fmt::format("{} -> {}", extent_text(input.size()), extent_text(out.size()))}});
        }
        const core::Image sheet = pictures::compose_contact_sheet(panels);
        fmt::print("{}: the input and the demos side by side, {}\n", writer.write("contact-sheet.png", sheet),
                   extent_text(sheet.size()));
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
                              "Write the article's 4x4 colour image, its demos (stripes, blocks, overlapping kernels), an "
                              "enlarged copy of each and a contact sheet, printing the sizes and formulas");
    app->footer(footer);
    app->add_option("-d,--out-dir", *dir, "Directory to write into, created when missing [default: .]")->type_name("DIR");
    return {app, [dir] { return run_demo(*dir); }};
}

}  // namespace tconv::cli
