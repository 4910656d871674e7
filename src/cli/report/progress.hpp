// A batch's progress line on stderr (done/total, files per second, ETA), drawn only when enabled.
#pragma once
#include <chrono>
#include <cstddef>

#include "cli/report/status_line.hpp"

namespace tconv::cli {

/// Redraws the batch's status at most five times a second. Disabled, it does nothing: callers
/// enable it only when stderr is a terminal and there is more than one input.
class Progress {
public:
    Progress(std::size_t total, bool enabled);
    /// Shows `done` of total; rate-limited, always drawn for the last one.
    void show(std::size_t done);
    /// Erases the line, so that other stderr output starts on a clean line.
    void clear() { line_.clear(); }

private:
    std::size_t total_;
    StatusLine line_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace tconv::cli
