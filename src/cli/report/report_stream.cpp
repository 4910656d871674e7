// The report's stream: stdout unless the output file is written there.
#include "cli/report/report_stream.hpp"

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace tconv::cli {

bool writes_to_stdout(const std::string& output) {
    if (output == "-") return true;
    struct stat out {
    }, std_out{};
    return !output.empty() && ::stat(output.c_str(), &out) == 0 && ::fstat(STDOUT_FILENO, &std_out) == 0 &&
           !S_ISREG(out.st_mode) && out.st_dev == std_out.st_dev && out.st_ino == std_out.st_ino;
}

std::FILE* report_stream(const std::string& output) { return writes_to_stdout(output) ? stderr : stdout; }

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
