// Output templates: parsed once (a mistake is a usage error before any input is read), expanded
// per input from the parts of its path.
#include "cli/options/output_template.hpp"

#include <fmt/format.h>

#include "cli/options/usage_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

struct FieldName {
    std::string_view name;
    OutputTemplate::Field field;
};
constexpr FieldName field_names[] = {{"stem", OutputTemplate::Field::Stem},
                                     {"name", OutputTemplate::Field::Name},
                                     {"dir", OutputTemplate::Field::Dir},
                                     {"ext", OutputTemplate::Field::Ext}};

}  // namespace

PathParts path_parts(std::string_view path) {
    PathParts p;
    const auto slash = path.rfind('/');
    p.dir = slash == std::string_view::npos ? "." : slash == 0 ? "/" : std::string(path.substr(0, slash));
    p.name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const auto dot = p.name.rfind('.');
    p.stem = p.name;
    if (dot != std::string::npos && dot > 0) {
        p.stem.resize(dot);
        p.ext = p.name.substr(dot + 1);
    }
    return p;
}

bool is_output_template(std::string_view output) { return output.find_first_of("{}") != std::string_view::npos; }

OutputTemplate OutputTemplate::parse(std::string_view text) {
    const auto error = [&](const std::string& reason) { return UsageError("--output " + io::quoted_text(text), reason); };
    std::vector<Piece> pieces;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto brace = text.find_first_of("{}", i);
        if (brace != i) {
            pieces.push_back({Field::Literal, std::string(text.substr(i, brace - i))});
            if (brace == std::string_view::npos) break;
        }
        if (text[brace] == '}') throw error(fmt::format("'}}' at character {} closes no '{{'", brace + 1));
        const auto close = text.find_first_of("{}", brace + 1);
        if (close == std::string_view::npos || text[close] == '{')
            throw error(fmt::format("'{{' at character {} is not closed by '}}'", brace + 1));
        const std::string_view name = text.substr(brace + 1, close - brace - 1);
        const FieldName* known = nullptr;
        for (const FieldName& f : field_names)
            if (f.name == name) known = &f;
        if (known == nullptr)
            throw error(fmt::format("unknown field {{{}}} (the fields are {{stem}}, {{name}}, {{dir}} and {{ext}})",
                                    io::quoted_text(name)));
        pieces.push_back({known->field, {}});
        i = close + 1;
    }
    return OutputTemplate(std::move(pieces));
}

std::string OutputTemplate::expand(std::string_view input) const {
    const PathParts parts = path_parts(input);
    std::string out;
    for (const Piece& piece : pieces_) {
        switch (piece.field) {
            case Field::Literal: out += piece.text; break;
            case Field::Stem: out += parts.stem; break;
            case Field::Name: out += parts.name; break;
            case Field::Dir: out += parts.dir; break;
            case Field::Ext: out += parts.ext; break;
        }
    }
    return out;
}

}  // namespace tconv::cli
