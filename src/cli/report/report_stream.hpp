// Where a command's report goes, and the check that it got there.
#pragma once
#include <cstdio>
#include <stdexcept>
#include <string>

namespace tconv::cli {

/// The report could not be written (a closed pipe, a full disk); what() says so, with the system's
/// reason when it is known. app.cpp turns it into exit 1.
class ReportNotWritten : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// True when `output` is "-" or names the pipe, device or socket that stdout is (-o /dev/stdout).
bool writes_to_stdout(const std::string& output);

/// stdout, or stderr when the output file itself goes to stdout (writes_to_stdout).
std::FILE* report_stream(const std::string& output);

/// Flushes `stream`; throws ReportNotWritten when that or any earlier write to it failed.
void check_report_written(std::FILE* stream);

}  // namespace tconv::cli
