// JSON text: RFC 8259 string escaping, numbers that read back exactly (null where JSON has none),
// arrays, and objects in the order their fields were added.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/report/json_writer.hpp"

using namespace tconv::cli;

TEST_CASE("json_string escapes quotes, backslashes and every control character", "[cli][json]") {
    struct Row {
        std::string_view in;
        const char* want;
    };
    using namespace std::string_view_literals;
    const Row rows[] = {
        {"", R"("")"},
        {"photos/a.png", R"("photos/a.png")"},
        {R"(say "hi")", R"("say \"hi\"")"},
        {R"(C:\dir\a.png)", R"("C:\\dir\\a.png")"},
        {"a\nb\rc\td", R"("a\nb\rc\td")"},
        {"\x01\x08\x0c\x1f", R"("\u0001\u0008\u000c\u001f")"},
        {"a\0b"sv, R"("a\u0000b")"},
        {"\x20\x7f", "\" \x7f\""},                   // space and DEL need no escape
        {"caf\xc3\xa9.png", "\"caf\xc3\xa9.png\""},  // UTF-8 is copied as it is
        {"/", R"("/")"},
        {"a\xff\xc3.png", R"("a\ufffd\ufffd.png")"},  // not UTF-8: each bad byte is U+FFFD
        {"\xed\xa0\x80", R"("\ufffd\ufffd\ufffd")"},  // a UTF-16 surrogate is not UTF-8 either
    };
    for (const Row& r : rows) {
        CAPTURE(std::string(r.in));
        CHECK(json_string(r.in) == r.want);
    }
}

TEST_CASE("json_path: a UTF-8 name as a string, any other as its bytes in base64", "[cli][json]") {
    CHECK(json_path("caf\xc3\xa9.png") == "\"caf\xc3\xa9.png\"");
    CHECK(json_path("a\nb") == R"("a\nb")");
    // base64 of the bytes, the value Python's base64.b64encode gives: padding of 0, 1 and 2 '='.
    CHECK(json_path("\xff\xfe\xfd") == R"({"bytes":"//79"})");
    CHECK(json_path("x\xff.png") == R"({"bytes":"eP8ucG5n"})");
    CHECK(json_path("\xff.png") == R"({"bytes":"/y5wbmc="})");
    CHECK(json_path("\xff") == R"({"bytes":"/w=="})");
}

TEST_CASE("json_number writes the shortest text that reads back, null when not finite", "[cli][json]") {
    CHECK(json_number(0.1) == "0.1");
    CHECK(json_number(0.1f) == "0.1");  // in float's own precision, not 0.10000000149011612
    CHECK(json_number(0.0625f) == "0.0625");
    CHECK(json_number(15945.925) == "15945.925");
    CHECK(json_number(-2.5) == "-2.5");
    CHECK(json_number(1e-8) == "1e-08");
    CHECK(json_number(std::numeric_limits<double>::infinity()) == "null");
    CHECK(json_number(-std::numeric_limits<double>::infinity()) == "null");
    CHECK(json_number(std::numeric_limits<double>::quiet_NaN()) == "null");
    CHECK(json_number(std::numeric_limits<float>::quiet_NaN()) == "null");
}

TEST_CASE("json_array joins the items' JSON with commas", "[cli][json]") {
    const auto number = [](double v) { return json_number(v); };
    CHECK(json_array(std::vector<double>{}, number) == "[]");
    CHECK(json_array(std::vector<double>{1.5}, number) == "[1.5]");
    CHECK(json_array(std::vector<double>{1.5, 2, -3}, number) == "[1.5,2,-3]");
    const std::vector<std::vector<double>> rows{{1, 2}, {3, 4}};
    CHECK(json_array(rows, [&](const std::vector<double>& row) { return json_array(row, number); }) == "[[1,2],[3,4]]");
}

TEST_CASE("JsonObject writes its fields in the order added", "[cli][json]") {
    CHECK(JsonObject().text() == "{}");
    JsonObject o;
    o.add_string("input", "a \"b\".png")
        .add_bool("ok", false)
        .add_integer("in_width", 5)
        .add_integer("in_height", std::nullopt)
        .add_integer("big", std::int64_t{1} << 40)
        .add_number("lr", 0.05)
        .add_null("strategy")
        .add_json("rows", R"({"full":9})")
        .add_string("key \"quoted\"", "");
    CHECK(o.text() == R"({"input":"a \"b\".png","ok":false,"in_width":5,"in_height":null,"big":1099511627776,)"
                      R"("lr":0.05,"strategy":null,"rows":{"full":9},"key \"quoted\"":""})");
    o.add_bool("more", true);  // text() closes a copy: the object can still grow
    CHECK(o.text().ends_with(R"("key \"quoted\"":"","more":true})"));
}
