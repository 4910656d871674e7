// The top-level parser: the main job's options on the app itself, one subcommand per file. Usage errors
// (CLI11's and UsageError) become exit 2 here, and a report that cannot be written exit 1; a failed
// input is reported by the command that reads it, which goes on with the others and returns 1.
#include "cli/app.hpp"

#include <algorithm>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/demo_command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/fit_command.hpp"
#include "cli/overlap_command.hpp"
#include "cli/parse_error_line.hpp"
#include "cli/report_stream.hpp"
#include "cli/run_command.hpp"
#include "cli/size_command.hpp"
#include "cli/usage_error.hpp"
#include "cli/version_info.hpp"
#include "core/errors.hpp"
#include "io/temp_names.hpp"

namespace tconv::cli {
namespace {

constexpr const char* description =
    "tconv: upsample images by transposed convolution (PyTorch conv_transpose2d semantics).\n"
    "Every channel (alpha too) is convolved with the same kernel; overlapping contributions add;\n"
    "sums are clamped to 0..255 and rounded half away from zero; the output is an 8-bit PNG.\n"
    "Sizes are HxW (rows x columns); one number means both axes. Output size per axis:\n"
    "  out = (in - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1\n"
    "The input is zero beyond its borders (PyTorch), so the outer rows and columns come out darker;\n"
    "--edge replicate (what --scale picks) or reflect extends the image instead.\n";

constexpr const char* footer =
    "Examples:\n"
    "  tconv photo.png --scale 2 -o x2.png                            # photo x2: bilinear, edges replicated\n"
    "  tconv photo.png -f 3 -s 4 -p 0 --output-padding 1 -o big.png   # the article's stripes\n"
    "  tconv photo.png -f 4 -s 4 -o blocks.png                        # touching 4x4 blocks\n"
    "  tconv photo.png -f 4 -s 2 -p 1 -k bilinear -o x2.png           # bilinear x2\n"
    "  find in -name '*.png' -print0 | tconv --files-from - -0 -d out --json\n"
    "  tconv a/x.png b/x.png --scale 2 -o 'out/{dir}/{stem}_x2.png'   # -o templates: {stem} {name} {dir} {ext}\n"
    "A subcommand's options follow its name (tconv size --input 4 -f 3); an option or input before it\n"
    "is a usage error.\n"
    "Exit status: 0 all inputs done, 1 some input failed (the others were still processed),\n"
    "2 usage error (nothing read or written). Errors: one line on stderr, 'tconv: error: FILE: REASON'.";

int report_not_written(std::string_view reason) {
    fmt::print(stderr, "{}\n", error_line("stdout", reason));
    return exit_input_failed;
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app(description, "tconv");
    app.set_version_flag("-V,--version", std::string(version_text()), "Print the version and exit");
    app.footer(footer);
    app.get_formatter()->column_width(34);

    RunOptions run_options;
    add_run_options(app, run_options);
    std::vector<Command> commands;  // each add_*_command(app) goes here
    commands.push_back(add_size_command(app));
    commands.push_back(add_demo_command(app));
    commands.push_back(add_overlap_command(app));
    commands.push_back(add_fit_command(app));

    const std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
        fmt::print(stderr, "{}\n", parse_error_line(app, e, args));
        return exit_usage;
    }
    try {
        io::prepare_output_signals();
        for (const auto& c : commands)
            if (app.got_subcommand(c.app)) {
                refuse_arguments_before(app, *c.app, args);
                return c.run();
            }
        return run_main_job(run_options);
    } catch (const UsageError& e) {
        fmt::print(stderr, "{}\n", error_line(e.subject(), e.what()));
        return exit_usage;
    } catch (const ReportNotWritten& e) {
        return report_not_written(e.what());
    } catch (const std::system_error& e) {  // fmt's failed writes to stdout (a closed pipe, a full disk)
        return report_not_written(e.what());
    } catch (const core::InvalidParams& e) {  // a value only a later step found unusable: still a usage error
        fmt::print(stderr, "tconv: error: {}\n", e.what());
        return exit_usage;
    } catch (const std::bad_alloc&) {  // outside the per-input handlers (a huge file list, fit's history)
        fmt::print(stderr, "tconv: error: out of memory\n");
        return exit_input_failed;
    }
}

}  // namespace tconv::cli
