// The one HxW writer: rows first, never swapped, both axes always written.
#include <catch2/catch.hpp>

#include "cli/report/extent_text.hpp"

using tconv::cli::extent_text;

TEST_CASE("extent_text writes HxW, rows first", "[cli][text]") {
    CHECK(extent_text({3, 5}) == "3x5");
    CHECK(extent_text({5, 3}) == "5x3");
    CHECK(extent_text({4, 4}) == "4x4");
    CHECK(extent_text({1, 2147483647}) == "1x2147483647");
}
