// The two helps: -h keeps each text's first sentence, --help wraps the whole text and adds the default
// CLI11 holds for the option.
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/options/help_formatter.hpp"

using namespace tconv;

TEST_CASE("first_sentence stops at a full stop before anything but a lower-case letter, or a line break", "[cli][help]") {
    CHECK(cli::first_sentence("Worker threads") == "Worker threads");
    CHECK(cli::first_sentence("Write no metadata. Without it each output keeps it.") == "Write no metadata");
    CHECK(cli::first_sentence("Bits per sample: 8 or 16. 16 -> 8 rounds") == "Bits per sample: 8 or 16");
    CHECK(cli::first_sentence("Initial kernel. 'zeros' or 'random'") == "Initial kernel");
    CHECK(cli::first_sentence("Sizes in pixels. so on") == "Sizes in pixels. so on");
    CHECK(cli::first_sentence("A kernel, i.e. 'ones'. Then") == "A kernel, i.e. 'ones'");
    CHECK(cli::first_sentence("A template, e.g. 'out/{stem}.png'. More") == "A template, e.g. 'out/{stem}.png'");
    CHECK(cli::first_sentence("Sums (in double. Exact) clamped. Then") == "Sums (in double. Exact) clamped");
    CHECK(cli::first_sentence("tconv: upsample images.\nEvery channel") == "tconv: upsample images");
    CHECK(cli::first_sentence("") == "");
}

TEST_CASE("wrap_text breaks at spaces within the width and keeps line breaks", "[cli][help]") {
    CHECK(cli::wrap_text("one two three four", 9) == "one two\nthree\nfour");
    CHECK(cli::wrap_text("one two", 7) == "one two");
    CHECK(cli::wrap_text("a verylongword b", 4) == "a\nverylongword\nb");
    CHECK(cli::wrap_text("first\nsecond line", 6) == "first\nsecond\nline");
    CHECK(cli::wrap_text("", 10) == "");
    // No line opens with '-', which help2man would take for an option.
    CHECK(cli::wrap_text("k = 2*stride - stride%2 with", 12) == "k =\n2*stride -\nstride%2\nwith");
    CHECK(cli::wrap_text("a with --edge replicate", 12) == "a\nwith --edge\nreplicate");
}

TEST_CASE("help_length_asked: --help anywhere asks for the whole text", "[cli][help]") {
    CHECK(cli::help_length_asked({"-h"}) == cli::HelpLength::Summary);
    CHECK(cli::help_length_asked({"fit", "-h"}) == cli::HelpLength::Summary);
    CHECK(cli::help_length_asked({"fit", "--help"}) == cli::HelpLength::Whole);
    CHECK(cli::help_length_asked({}) == cli::HelpLength::Summary);
}

namespace {

std::string help_of(cli::HelpLength length, cli::HelpColumns columns = {20, 60}) {
    CLI::App app("tool: does things. More about them.", "tool");
    app.formatter(std::make_shared<cli::HelpFormatter>(length, columns));
    int steps = 500;
    app.add_option("--steps", steps, "Steps to take. Each one moves every weight by about the rate, so more steps go further")
        ->type_name("N")
        ->capture_default_str();
    std::string format;
    app.add_option("--format", format, "Output format. Any of them")->type_name("png|jpg|jpeg|webp|tif|tiff");
    app.footer("Examples:\n  tool --steps 3");
    return app.help();
}

}  // namespace

TEST_CASE("HelpFormatter: the summary on one line an option, the whole text wrapped with the default", "[cli][help]") {
    const std::string summary = help_of(cli::HelpLength::Summary);
    CHECK(summary.find("  --steps N         Steps to take\n") != std::string::npos);
    CHECK(summary.find("  --format FORMAT   Output format\n") != std::string::npos);
    CHECK(summary.find("[default") == std::string::npos);
    CHECK(summary.find("Examples:") == std::string::npos);
    CHECK(summary.find("tool --help gives") != std::string::npos);
    const std::string whole = help_of(cli::HelpLength::Whole);
    CHECK(whole.find("  --steps N         Steps to take. Each one moves every\n"
                     "                    weight by about the rate, so more steps\n"
                     "                    go further [default: 500]\n") != std::string::npos);
    // "[default: X]" stays whole on one line.
    const std::string narrow = help_of(cli::HelpLength::Whole, cli::HelpColumns{20, 54});
    CHECK(narrow.find("more steps go further\n                    [default: 500]\n") != std::string::npos);
    CHECK(whole.find("  --format png|jpg|jpeg|webp|tif|tiff\n                    Output format. Any of them\n") !=
          std::string::npos);
    CHECK(whole.find("Examples:\n  tool --steps 3") != std::string::npos);
}
