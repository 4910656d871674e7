// The report's stream: stdout unless the output file is written there.
#include "cli/report_stream.hpp"

#include <cerrno>
#include <cstring>

namespace tconv::cli {

std::FILE* report_stream(const std::string& output) { return output == "-" ? stderr : stdout; }

void check_report_written(std::FILE* stream) {
    errno = 0;
    const bool flushed = std::fflush(stream) == 0;
    const int error = errno;
    if (flushed && !std::ferror(stream)) return;
    // Only this flush's errno is known to be the reason: an earlier failed write left just the error flag.
    if (!flushed && error != 0) throw ReportNotWritten(std::string("cannot write the report: ") + std::strerror(error));
    throw ReportNotWritten("cannot write the report");
}

}  // namespace tconv::cli
