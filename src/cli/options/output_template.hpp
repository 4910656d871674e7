// Output names made from each input's name: `-o 'out/{dir}/{stem}_x2.png'`, and -d's DIR/STEM.png.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tconv::cli {

/// The parts of an input path a template can use. For "photos/2024/cat.jpeg": dir "photos/2024",
/// name "cat.jpeg", stem "cat", ext "jpeg". dir is "." for a bare name and "/" for a file in the
/// root; the extension is what follows the name's last dot, empty when there is none or the only
/// dot starts the name (".profile" is all stem).
struct PathParts {
    std::string dir;
    std::string name;
    std::string stem;
    std::string ext;
};
PathParts path_parts(std::string_view path);

/// A parsed output template: literal text and the fields {stem}, {name}, {dir}, {ext}.
class OutputTemplate {
public:
    enum class Field { Literal, Stem, Name, Dir, Ext };
    struct Piece {
        Field field = Field::Literal;
        std::string text;  ///< for Literal
    };

    /// Parses `text`; throws UsageError naming `--output TEXT` for an unknown field or a brace
    /// without its partner.
    static OutputTemplate parse(std::string_view text);
    explicit OutputTemplate(std::vector<Piece> pieces) : pieces_(std::move(pieces)) {}

    /// The output path for `input`: each field replaced by that part of the input's path.
    std::string expand(std::string_view input) const;

private:
    std::vector<Piece> pieces_;
};

/// True when `output` holds a brace, so that -o is a template (and is parsed as one).
bool is_output_template(std::string_view output);

}  // namespace tconv::cli
