// -h and --help, as ripgrep has them: -h a summary of one line per option and subcommand, --help the
// whole text (what the man page and the bash completion are made from), each option's default taken
// from the value the code starts it with.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace tconv::cli {

enum class HelpLength {
    Summary,  ///< -h: each text's first sentence, one line per option and subcommand
    Whole     ///< --help: every text whole, wrapped, with each default
};

/// The default shown for a thread count of 0, which runs one thread per core.
inline constexpr const char* all_cores_text = "all cores";

/// Which help `args` ask for: the whole text when any of them is --help, else the summary.
HelpLength help_length_asked(const std::vector<std::string>& args);

/// The first sentence of `text`: up to the first ". " that is not "e.g. " or "i.e. " and is followed by
/// anything but a lower-case letter, or to the first line break, without a closing full stop.
std::string first_sentence(std::string_view text);

/// `text` broken at spaces into lines of at most `width` characters; a longer word keeps its own line.
std::string wrap_text(std::string_view text, std::size_t width);

/// The columns of every help line: option names up to `name_width`, the text to `line_width`.
struct HelpColumns {
    std::size_t name_width = 34;
    std::size_t line_width = 100;
};

/// CLI11's formatter with the two lengths. The summary names a value by its type name when that is
/// short ("N", "8|16"), else by the option's long name in capitals (--format FORMAT).
class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter(HelpLength length, HelpColumns columns);

    std::string make_description(const CLI::App* app) const override;
    std::string make_footer(const CLI::App* app) const override;
    std::string make_subcommand(const CLI::App* sub) const override;
    std::string make_option(const CLI::Option* opt, bool is_positional) const override;
    std::string make_option_opts(const CLI::Option* opt) const override;
    std::string make_option_desc(const CLI::Option* opt) const override;

private:
    /// One help line or paragraph: `name` in its column, `text` after it.
    std::string entry(const std::string& name, const std::string& text) const;

    HelpLength length_;
    HelpColumns columns_;
};

}  // namespace tconv::cli
