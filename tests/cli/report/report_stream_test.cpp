// The report's stream and the check that it was written: a write that failed, now or earlier, is
// never taken for a report that landed.
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include "cli/report/report_stream.hpp"

using namespace tconv;

TEST_CASE("the report goes to stderr only when the output is written to stdout", "[cli][report]") {
    CHECK(cli::report_stream("-") == stderr);
    CHECK(cli::report_stream("out.png") == stdout);
    CHECK(cli::report_stream("") == stdout);
}

TEST_CASE("check_report_written passes a written report", "[cli][report]") {
    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    std::fputs("{\"ok\":true}\n", file);
    CHECK_NOTHROW(cli::check_report_written(file));
    std::fclose(file);
}

TEST_CASE("check_report_written refuses a report that did not land", "[cli][report]") {
    std::FILE* full = std::fopen("/dev/full", "w");
    REQUIRE(full != nullptr);
    std::fputs("report line\n", full);
    // The failing flush knows its reason.
    CHECK_THROWS_WITH(cli::check_report_written(full), "cannot write the report: No space left on device");
    // Nothing left to flush, but the earlier failure stays on the stream.
    CHECK_THROWS_WITH(cli::check_report_written(full), "cannot write the report");
    std::fclose(full);
}
