// Parse errors as tconv words them: CLI11 names the option in several places of its messages
// (last, in "not expected: ARGS", in reverse order), tconv always first and as the user typed it.
#include "cli/options/parse_error_line.hpp"

#include <fmt/format.h>

#include "cli/report/diagnostics.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

/// "tconv" or "tconv SUBCOMMAND": how a command's help names it.
std::string command_name(const CLI::App& app) {
    return app.get_parent() == nullptr ? app.get_name() : app.get_parent()->get_name() + " " + app.get_name();
}

/// The app that raised `error`: CLI11 gives an ExtrasError the name of the command it belongs to.
const CLI::App& raising_app(const CLI::App& app, const CLI::ParseError& error) {
    for (const CLI::App* sub : app.get_subcommands())
        if (sub->get_name() == error.get_name()) return *sub;
    return app;
}

/// The option named `name` in the subcommand given or in `app` itself (null: none).
const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands())
        if (const CLI::Option* o = sub->get_option_no_throw(name)) return o;
    return app.get_option_no_throw(name);
}

/// "NAME: DETAIL" split at the first ": ", when NAME is an option of the command line.
struct NamedMessage {
    const CLI::Option* option = nullptr;
    std::string detail;
};
NamedMessage split_named(const CLI::App& app, const std::string& message) {
    const auto colon = message.find(": ");
    if (colon == std::string::npos) return {};
    return {find_option(app, message.substr(0, colon)), message.substr(colon + 2)};
}

std::string range_error_line(const std::string& option, const std::string& detail) {
    // CLI::Range's "Value V not in range MIN to MAX"
    constexpr std::string_view value_prefix = "Value ", range_infix = " not in range ";
    const auto infix = detail.rfind(range_infix);
    if (!detail.starts_with(value_prefix) || infix == std::string::npos || infix < value_prefix.size()) return {};
    const std::string value = detail.substr(value_prefix.size(), infix - value_prefix.size());
    return error_line(option + " " + io::quoted_text(value), "must be " + detail.substr(infix + range_infix.size()));
}

}  // namespace

std::string typed_option_name(const CLI::Option& option, const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (!arg.starts_with('-') || arg == "-" || arg == "--") continue;
        const std::string name = arg.substr(0, arg.find('='));
        if (option.check_name(name)) return name;
        if (!arg.starts_with("--") && option.check_name(arg.substr(0, 2))) return arg.substr(0, 2);  // -j4
    }
    return option.get_name();
}

std::string parse_error_line(const CLI::App& app, const CLI::ParseError& error, const std::vector<std::string>& args) {
    const std::string message = error.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
        const CLI::App& command = raising_app(app, error);
        const std::vector<std::string> extras = command.remaining();
        if (!extras.empty()) {
            const std::string& first = extras.front();
            const std::string name = command_name(command);
            return error_line(
                io::quoted_text(first),
                fmt::format("not {} of {} (see {} --help)", first.starts_with('-') ? "an option" : "an argument", name, name));
        }
    }
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && message.ends_with(" is required")) {
        const std::string name = message.substr(0, message.size() - std::string_view(" is required").size());
        if (find_option(app, name) != nullptr) return error_line(name, "is required");
    }
    // ConversionError: "Could not convert: NAME = VALUE"
    constexpr std::string_view conversion_prefix = "Could not convert: ";
    if (const auto equals = message.find(" = "); message.starts_with(conversion_prefix) && equals != std::string::npos)
        if (const CLI::Option* o = find_option(app, message.substr(conversion_prefix.size(), equals - conversion_prefix.size())))
            return error_line(typed_option_name(*o, args) + " " + io::quoted_text(message.substr(equals + 3)), "not a number");
    const NamedMessage named = split_named(app, message);
    if (named.option == nullptr) return error_line(io::quoted_text(message));
    const std::string option = typed_option_name(*named.option, args);
    if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr)
        if (std::string line = range_error_line(option, named.detail); !line.empty()) return line;
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr && named.detail.ends_with(" missing"))
        return error_line(option, "needs a value");
    return error_line(option, io::quoted_text(named.detail));
}

}  // namespace tconv::cli
