// -o templates: the parts of an input's path, expansion, and every malformed template refused.
#include <catch2/catch.hpp>

#include <string>

#include "cli/options/output_template.hpp"
#include "cli/options/usage_error.hpp"

using tconv::cli::OutputTemplate;
using tconv::cli::path_parts;
using tconv::cli::UsageError;

TEST_CASE("path_parts splits dir, name, stem and extension", "[cli][template]") {
    const auto p = path_parts("photos/2024/cat.large.jpeg");
    CHECK(p.dir == "photos/2024");
    CHECK(p.name == "cat.large.jpeg");
    CHECK(p.stem == "cat.large");
    CHECK(p.ext == "jpeg");
    CHECK(path_parts("x.png").dir == ".");
    CHECK(path_parts("/x.png").dir == "/");
    CHECK(path_parts("/abs/x.png").dir == "/abs");
    CHECK(path_parts("noext").stem == "noext");
    CHECK(path_parts("noext").ext == "");
    CHECK(path_parts("d/.profile").stem == ".profile");  // a leading dot starts the name, not an extension
    CHECK(path_parts("d/.profile").ext == "");
    CHECK(path_parts("a.b/c").ext == "");  // a dot in the directory is not the name's
}

TEST_CASE("a template expands each field from the input's path", "[cli][template]") {
    const auto t = OutputTemplate::parse("out/{dir}/{stem}_x2.{ext}");
    CHECK(t.expand("a/x.png") == "out/a/x_x2.png");
    CHECK(t.expand("b/c/x.jpg") == "out/b/c/x_x2.jpg");
    CHECK(t.expand("x.bmp") == "out/./x_x2.bmp");
    CHECK(OutputTemplate::parse("{name}.png").expand("in/photo.jpg") == "photo.jpg.png");
    CHECK(OutputTemplate::parse("{stem}{stem}").expand("d/ab.c") == "abab");
    CHECK(OutputTemplate::parse("plain/{stem}").expand("d/with space.png") == "plain/with space");
}

TEST_CASE("a malformed template is a usage error naming --output", "[cli][template]") {
    for (const char* bad :
         {"out/{stm}.png", "{}", "{STEM}", "out/{stem.png", "out/stem}.png", "{{stem}}", "{st{em}", "}{stem}", "{"}) {
        CAPTURE(bad);
        try {
            OutputTemplate::parse(bad);
            FAIL("parsed");
        } catch (const UsageError& e) {
            CHECK(e.subject() == std::string("--output ") + bad);
        }
    }
    CHECK_THROWS_WITH(OutputTemplate::parse("a/{size}.png"),
                      "unknown field {size} (the fields are {stem}, {name}, {dir} and {ext})");
    CHECK_THROWS_WITH(OutputTemplate::parse("ab{stem"), "'{' at character 3 is not closed by '}'");
    CHECK_THROWS_WITH(OutputTemplate::parse("ab}"), "'}' at character 3 closes no '{'");
}
