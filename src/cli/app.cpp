// The top-level parser: the main job's options on the app itself, one subcommand per file. Usage errors
// (CLI11's and UsageError) become exit 2 here, and a report that cannot be written exit 1; a failed
// input is reported by the command that reads it, which goes on with the others and returns 1.
#include "cli/app.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands/animate_command.hpp"
#include "cli/commands/command.hpp"
#include "cli/commands/compare_command.hpp"
#include "cli/commands/demo_command.hpp"
#include "cli/commands/fit_command.hpp"
#include "cli/commands/overlap_command.hpp"
#include "cli/commands/run_command.hpp"
#include "cli/commands/size_command.hpp"
#include "cli/options/help_formatter.hpp"
#include "cli/options/parse_error_line.hpp"
#include "cli/options/usage_error.hpp"
#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/report_stream.hpp"
#include "cli/version_info.hpp"
#include "core/errors.hpp"
#include "io/output/temp_names.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

constexpr const char* description =
    "tconv: upsample images by transposed convolution (PyTorch conv_transpose2d semantics).\n"
    "Every channel (alpha too) is convolved with the same kernel; overlapping contributions add;\n"
    "sums are clamped to 0..255 (0..65535 for a 16-bit input) and rounded half away from zero; the output\n"
    "has the input's depth where its format holds it (8 or 16 bits; --depth chooses), in the format its\n"
    "name says (PNG, JPEG, WebP, TIFF, BMP, TGA, PNM, PAM; --format for -o - and -d, PNG by default).\n"
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
    "A subcommand is the first argument only, its options follow its name (tconv size --input 4 -f 3);\n"
    "anywhere else the word is an input file name (tconv -f 2 demo.png size -d out reads a file 'size').\n"
    "Exit status: 0 all inputs done, 1 some input failed (the others were still processed),\n"
    "2 usage error (nothing read or written). Errors: one line on stderr, 'tconv: error: FILE: REASON'.";

/// Why a subcommand's name that is not the first argument, and names no file, was refused.
std::string misplaced_subcommand_hint(const std::string& name) {
    return fmt::format("no such file, and a subcommand is named only by the first argument (tconv {} [options])", name);
}

int report_not_written(std::string_view reason) {
    fmt::print(stderr, "{}\n", error_line("stdout", reason));
    return exit_input_failed;
}

int run_app(int argc, char** argv) {
    const std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
    CLI::App app(description, "tconv");
    // Before the subcommands are added: they take the parent's formatter and help flag.
    app.formatter(std::make_shared<HelpFormatter>(help_length_asked(args), HelpColumns{}));
    app.set_help_flag("-h,--help", "A summary, one line per option (-h), or the whole text (--help)");
    app.set_version_flag("-V,--version", std::string(version_text()), "Print the version and exit");
    app.footer(footer);

    RunOptions run_options;
    add_run_options(app, run_options);
    std::vector<Command> commands;  // each add_*_command(app) goes here
    commands.push_back(add_size_command(app));
    commands.push_back(add_demo_command(app));
    commands.push_back(add_overlap_command(app));
    commands.push_back(add_fit_command(app));
    commands.push_back(add_compare_command(app));
    commands.push_back(add_animate_command(app));

    // Only the first argument names a subcommand: anywhere else "demo" or "size" is a file name, so
    // that `tconv -f 2 * -d out` in a directory holding a file named demo converts it. --help
    // keeps them, to list them.
    std::vector<std::string> names;
    for (const Command& c : commands) names.push_back(c.app->get_name());
    const auto is_command = [&](const std::string& arg) { return std::find(names.begin(), names.end(), arg) != names.end(); };
    const bool asks_help = std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "-h" || a == "--help"; });
    if (!asks_help && (args.empty() || !is_command(args.front()))) {
        for (const Command& c : commands) app.remove_subcommand(c.app);
        commands.clear();
    }
    // A subcommand's name further on is an input, or a mistake: said when no file has that name.
    const auto misplaced = [&](const std::string& a) {
        struct stat st {};
        return commands.empty() && is_command(a) && ::stat(a.c_str(), &st) != 0;
    };
    const auto takes_value = [&](const std::string& arg) {  // "-o demo": demo is the option's value
        const CLI::Option* o = arg.starts_with('-') ? app.get_option_no_throw(arg) : nullptr;
        return o != nullptr && o->get_items_expected_min() > 0;
    };
    std::string hint;  // for a parse error
    for (std::size_t i = 0; i < args.size() && hint.empty(); ++i)
        if (misplaced(args[i]) && (i == 0 || !takes_value(args[i - 1]))) hint = misplaced_subcommand_hint(args[i]);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
        fmt::print(stderr, "{}{}\n", parse_error_line(app, e, args), hint.empty() ? "" : "; " + hint);
        return exit_usage;
    }
    try {
        io::prepare_output_signals();
        for (const auto& c : commands)
            if (app.got_subcommand(c.app)) return c.run();
        for (const std::string& input : run_options.inputs)
            if (misplaced(input)) throw UsageError(io::quoted_text(input), misplaced_subcommand_hint(input));
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
    }
}

}  // namespace

int run(int argc, char** argv) {
    // Outside the per-input handlers: building the parser, a huge file list, fit's history.
    try {
        return run_app(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fputs("tconv: error: out of memory\n", stderr);
        return exit_input_failed;
    }
}

}  // namespace tconv::cli
