// The stderr lines' one wording: "tconv: error: SUBJECT: REASON", "tconv: warning: ...", notes, and
// the warnings for what loading an image did not keep.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/report/diagnostics.hpp"

using namespace tconv;

TEST_CASE("error, warning and note lines", "[cli][diagnostics]") {
    CHECK(cli::error_line("photos/a.png", "not a readable image (corrupt)") ==
          "tconv: error: photos/a.png: not a readable image (corrupt)");
    CHECK(cli::error_line("--stride", "must be >= 1") == "tconv: error: --stride: must be >= 1");
    CHECK(cli::error_line("The following argument was expected: INPUT") ==
          "tconv: error: The following argument was expected: INPUT");
    CHECK(cli::warning_line("uneven overlap") == "tconv: warning: uneven overlap");
    CHECK(cli::note_line("a.png", "strategy dense (...)") == "tconv: a.png: strategy dense (...)");
}

TEST_CASE("load_warnings names the file and what was lost", "[cli][diagnostics]") {
    io::LoadedImage loaded;
    CHECK(cli::load_warnings("a.png", loaded).empty());
    loaded.reduced_from_16_bit = true;
    CHECK(cli::load_warnings("deep.png", loaded) ==
          std::vector<std::string>{"tconv: warning: deep.png: 16-bit image reduced to 8 bits per channel (the high byte "
                                   "of each sample is kept)"});
    loaded.reduced_from_16_bit = false;
    loaded.rounded_to_8_bit = true;
    CHECK(cli::load_warnings("deep.png", loaded) ==
          std::vector<std::string>{"tconv: warning: deep.png: 16-bit image reduced to 8 bits per channel (round(v * 255 / "
                                   "65535)): this subcommand works at 8 bits"});
}
