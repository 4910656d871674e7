// core::RowWindow: rows filled once each, in order, held only between the floor and the highest row
// asked for; a failed fill fails every later call.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/conv/row_window.hpp"

using tconv::core::RowWindow;

TEST_CASE("RowWindow fills rows in order, once each, and reuses dropped rows' memory", "[core][window]") {
    std::int64_t next = 0;
    RowWindow window(100, 4, [&](std::uint8_t* row) {
        for (int i = 0; i < 4; ++i) row[i] = static_cast<std::uint8_t>(next);
        ++next;
    });
    for (std::int64_t y = 0; y < 100; ++y) {
        window.fill_to(y + 3);  // rows y .. y+2, as a 3-tap kernel at stride 1 reads them
        for (std::int64_t r = y; r < std::min<std::int64_t>(y + 3, 100); ++r) CHECK(window.row(r)[0] == r);
        window.drop_below(y + 1);
    }
    CHECK(next == 100);              // each row decoded once
    CHECK(window.peak_rows() <= 4);  // never more than the rows one output row reads, plus one
    window.fill_to(100);             // rows already filled are not filled again
    CHECK(next == 100);
}

TEST_CASE("RowWindow rethrows a failed fill on every later call", "[core][window]") {
    std::int64_t next = 0;
    RowWindow window(10, 1, [&](std::uint8_t*) {
        if (next == 5) throw std::runtime_error("truncated");
        ++next;
    });
    window.fill_to(3);
    CHECK_THROWS_WITH(window.fill_to(8), "truncated");
    CHECK_THROWS_WITH(window.fill_to(4), "truncated");
}
