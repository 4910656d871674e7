// Rejected values reworded: binary kernel files named as such, padding words' case explained.
#include <catch2/catch.hpp>

#include "cli/options/rejected_value.hpp"

using tconv::cli::kernel_file_reason;
using tconv::cli::padding_reason;

TEST_CASE("kernel_file_reason keeps a text file's reason", "[cli][text]") {
    CHECK(kernel_file_reason("kernel value 'x' is not a number") == "kernel value 'x' is not a number");
    CHECK(kernel_file_reason("kernel rows are ragged: row 2 has 1 values, row 1 has 2") ==
          "kernel rows are ragged: row 2 has 1 values, row 1 has 2");
}

TEST_CASE("kernel_file_reason names a binary file and quotes its first bad value", "[cli][text]") {
    CHECK(kernel_file_reason("kernel value '\x89PNG\r' is not a number") ==
          "not a kernel text file (its value $'\\x89PNG\\r' is not a number)");
    CHECK(kernel_file_reason("kernel value '\xFF\xD8\xFF\xE0' is not a number") ==
          "not a kernel text file (its value $'\\xFF\\xD8\\xFF\\xE0' is not a number)");
    CHECK(kernel_file_reason("kernel value 'a'\x01' is not a number") ==
          "not a kernel text file (its value $'a\\'\\x01' is not a number)");
    CHECK(kernel_file_reason("kernel row 1 has an empty value\x01") ==
          "not a kernel text file ($'kernel row 1 has an empty value\\x01')");
}

TEST_CASE("padding_reason says the padding words are lower case", "[cli][text]") {
    const char* reason = "'SAME' is not a number or HxW";
    CHECK(padding_reason("SAME", reason) == "'SAME' is not a number or HxW (the padding words are lower case: valid, same)");
    CHECK(padding_reason("Valid", "r") == "r (the padding words are lower case: valid, same)");
    CHECK(padding_reason("bogus", "r") == "r");
    CHECK(padding_reason("samee", "r") == "r");
}
