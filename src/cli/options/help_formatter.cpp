// The two helps: the summary cuts each text to its first sentence, so that every option's text must
// open with one that says what it is; the whole text wraps, since CLI11 prints each on one line.
#include "cli/options/help_formatter.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace tconv::cli {
namespace {

/// Stands for a space that wrap_text must not break at.
constexpr char unbroken_space = '\x01';

/// A value's name for the summary: the type name without CLI11's validator note ("8|16:INT 8 to
/// 16" -> "8|16") when it is short, else the option's long name in capitals.
std::string summary_value_name(const CLI::Option* opt) {
    std::string name = opt->get_type_name();
    if (const std::size_t note = name.find(':'); note != std::string::npos && name.find('[') > note) name.resize(note);
    constexpr std::size_t longest = 20;
    if (name.size() <= longest) return name;
    std::string upper = opt->get_lnames().empty() ? opt->get_name() : opt->get_lnames().front();
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return c == '-' ? '_' : static_cast<char>(std::toupper(c)); });
    return upper;
}

}  // namespace

HelpLength help_length_asked(const std::vector<std::string>& args) {
    return std::find(args.begin(), args.end(), "--help") != args.end() ? HelpLength::Whole : HelpLength::Summary;
}

std::string first_sentence(std::string_view text) {
    std::size_t end = 0;
    int depth = 0;  // a full stop inside parentheses ends no sentence
    for (; end < text.size() && text[end] != '\n'; ++end) {
        const char c = text[end];
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        const auto before = text.substr(0, end);
        if (c == '.' && depth == 0 && end + 2 < text.size() && text[end + 1] == ' ' &&
            std::islower(static_cast<unsigned char>(text[end + 2])) == 0 && !before.ends_with("e.g") && !before.ends_with("i.e"))
            break;
    }
    std::string_view sentence = text.substr(0, end);
    while (!sentence.empty() && (sentence.back() == ' ' || sentence.back() == '.')) sentence.remove_suffix(1);
    return std::string(sentence);
}

std::string wrap_text(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t at = 0;
    while (at <= text.size()) {  // one paragraph (line of `text`) at a time
        const std::size_t stop = std::min(text.find('\n', at), text.size());
        std::vector<std::vector<std::string_view>> lines(1);
        std::size_t length = 0;  // of the last line
        for (std::size_t w = at; w < stop;) {
            const std::size_t w_end = std::min(text.find(' ', w), stop);
            const std::string_view word = text.substr(w, w_end - w);
            w = w_end + 1;
            if (word.empty()) continue;
            if (!lines.back().empty() && length + 1 + word.size() > width) {
                lines.emplace_back();
                length = 0;
                // A line opening with '-' would read as an option to help2man: its word before moves down too.
                if (word.front() == '-' && lines[lines.size() - 2].size() > 1) {
                    lines.back().push_back(lines[lines.size() - 2].back());
                    lines[lines.size() - 2].pop_back();
                    length = lines.back().back().size();
                }
            }
            length += (lines.back().empty() ? 0 : 1) + word.size();
            lines.back().push_back(word);
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            for (std::size_t j = 0; j < lines[i].size(); ++j) (out += j > 0 ? " " : "") += lines[i][j];
            if (i + 1 < lines.size()) out += '\n';
        }
        if (stop < text.size()) out += '\n';
        at = stop + 1;
    }
    return out;
}

HelpFormatter::HelpFormatter(HelpLength length, HelpColumns columns) : length_(length), columns_(columns) {
    column_width(columns.name_width);
}

std::string HelpFormatter::entry(const std::string& name, const std::string& text) const {
    const std::string indented = "  " + name;
    const std::string pad(columns_.name_width, ' ');
    std::string out = indented;
    if (text.empty()) return out + "\n";
    if (length_ == HelpLength::Summary)
        return out +
               (indented.size() + 2 > columns_.name_width ? std::string(2, ' ')
                                                          : std::string(columns_.name_width - indented.size(), ' ')) +
               text + "\n";
    out += indented.size() >= columns_.name_width ? "\n" + pad : std::string(columns_.name_width - indented.size(), ' ');
    for (const char c : wrap_text(text, columns_.line_width - columns_.name_width)) {
        out += c == unbroken_space ? ' ' : c;
        if (c == '\n') out += pad;
    }
    return out + "\n";
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
    if (length_ == HelpLength::Whole) return CLI::Formatter::make_description(app);
    return first_sentence(app->get_description()) + "\n";
}

std::string HelpFormatter::make_footer(const CLI::App* app) const {
    if (length_ == HelpLength::Whole) return CLI::Formatter::make_footer(app);
    const std::string command =
        app->get_parent() == nullptr ? app->get_name() : app->get_parent()->get_name() + " " + app->get_name();
    return command + " --help gives each option's whole text, the rules and the examples (man tconv too).\n";
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
    const std::string& text = sub->get_description();
    return entry(sub->get_display_name(true), length_ == HelpLength::Summary ? first_sentence(text) : text);
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
    return entry(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
    if (opt->get_type_size() == 0) return {};
    std::string out = " " + (length_ == HelpLength::Summary ? summary_value_name(opt) : opt->get_type_name());
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
    if (opt->get_required()) out += " REQUIRED";
    return out;
}

std::string HelpFormatter::make_option_desc(const CLI::Option* opt) const {
    const std::string& text = opt->get_description();
    if (length_ == HelpLength::Summary) return first_sentence(text);
    std::string value = opt->get_default_str();
    if (value.empty()) return text;
    // One word to wrap_text, so that "[default: X]" is never split over two lines; entry() puts the spaces back.
    std::replace(value.begin(), value.end(), ' ', unbroken_space);
    return text + " [default:" + unbroken_space + value + "]";
}

}  // namespace tconv::cli
