// quoted_text: printable UTF-8 passes as it is; control characters and invalid bytes make one
// $'...' word on one line, which bash reads back as the same bytes.
#include <catch2/catch.hpp>

#include <string>

#include "io/quoted_text.hpp"

using tconv::io::quoted_text;

TEST_CASE("quoted_text leaves printable UTF-8 alone", "[io][text]") {
    CHECK(quoted_text("photo.png") == "photo.png");
    CHECK(quoted_text("") == "");
    CHECK(quoted_text("with space 'and' \\ quotes.png") == "with space 'and' \\ quotes.png");
    CHECK(quoted_text("caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC.png") == "caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC.png");
    CHECK(quoted_text("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // U+1F600, four bytes
}

TEST_CASE("quoted_text escapes control characters by name", "[io][text]") {
    CHECK(quoted_text("a\nb.png") == "$'a\\nb.png'");
    CHECK(quoted_text("tab\there") == "$'tab\\there'");
    CHECK(quoted_text("cr\r") == "$'cr\\r'");
    CHECK(quoted_text("\x1b[31mred") == "$'\\e[31mred'");
    CHECK(quoted_text(std::string("nul\0x", 5)) == "$'nul\\x00x'");
    CHECK(quoted_text("bell\x07") == "$'bell\\x07'");
    CHECK(quoted_text("del\x7F") == "$'del\\x7F'");
    CHECK(quoted_text("c1 \xC2\x85 next line") == "$'c1 \\xC2\\x85 next line'");
}

TEST_CASE("quoted_text escapes quotes and backslashes inside $'...'", "[io][text]") {
    CHECK(quoted_text("it's\n\\") == "$'it\\'s\\n\\\\'");
}

TEST_CASE("quoted_text writes each byte of invalid UTF-8 as \\xNN", "[io][text]") {
    CHECK(quoted_text("\x89PNG\r") == "$'\\x89PNG\\r'");                  // a stray continuation byte
    CHECK(quoted_text("caf\xE9.png") == "$'caf\\xE9.png'");               // Latin-1, cut short
    CHECK(quoted_text("\xC0\xAF") == "$'\\xC0\\xAF'");                    // overlong '/'
    CHECK(quoted_text("\xED\xA0\x80") == "$'\\xED\\xA0\\x80'");           // a UTF-16 surrogate
    CHECK(quoted_text("\xF4\x90\x80\x80") == "$'\\xF4\\x90\\x80\\x80'");  // past U+10FFFF
    CHECK(quoted_text("\xE6\x97") == "$'\\xE6\\x97'");                    // a sequence cut short at the end
    // Valid characters beside the bad byte stay as they are.
    CHECK(quoted_text("\xC3\xA9\xFF") == "$'\xC3\xA9\\xFF'");
}

TEST_CASE("quoted_text's output is one line of printable text", "[io][text]") {
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
    const std::string q = quoted_text(every_byte);
    CHECK(q.find('\n') == std::string::npos);
    for (const char c : q) {
        CAPTURE(static_cast<int>(static_cast<unsigned char>(c)));
        CHECK(static_cast<unsigned char>(c) >= 0x20);
        CHECK(static_cast<unsigned char>(c) < 0x7F);
    }
}

TEST_CASE("quoted_name puts a printable name in quotes and any other in $'...'", "[io][text]") {
    using tconv::io::quoted_name;
    CHECK(quoted_name("decoder.up.0.weight") == "'decoder.up.0.weight'");
    CHECK(quoted_name("with space") == "'with space'");
    CHECK(quoted_name("") == "''");
    CHECK(quoted_name("w\n\x1b]0;pwned\x07") == "$'w\\n\\e]0;pwned\\x07'");
    CHECK(quoted_name("\xff") == "$'\\xFF'");
    // A quote would end 'name' early: such a name takes the $'...' form, where it is escaped.
    CHECK(quoted_name("it's") == "$'it\\'s'");
}
