// The batch's progress line: files done, rate and ETA, on a StatusLine.
#include "cli/report/progress.hpp"

#include <fmt/format.h>

namespace tconv::cli {

Progress::Progress(std::size_t total, bool enabled)
    : total_(total), line_(enabled, std::chrono::milliseconds(200)), start_(std::chrono::steady_clock::now()) {}

void Progress::show(std::size_t done) {
    if (!line_.due(done >= total_)) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    if (rate > 0)
        line_.draw(fmt::format("{}/{} files, {:.1f} files/s, ETA {:.0f} s", done, total_, rate,
                               static_cast<double>(total_ - done) / rate));
    else  // nothing finished yet: no rate, and no made-up ETA
        line_.draw(fmt::format("{}/{} files", done, total_));
}

}  // namespace tconv::cli
