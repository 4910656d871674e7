// Progress line: carriage return and erase-line, so it never scrolls the terminal.
#include "cli/progress.hpp"

#include <fmt/format.h>

namespace tconv::cli {

Progress::Progress(std::size_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::show(std::size_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total_ && drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    if (rate > 0)
        fmt::print(stderr, "\r\x1b[K{}/{} files, {:.1f} files/s, ETA {:.0f} s", done, total_, rate,
                   static_cast<double>(total_ - done) / rate);
    else  // nothing finished yet: no rate, and no made-up ETA
        fmt::print(stderr, "\r\x1b[K{}/{} files", done, total_);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::clear() {
    if (!enabled_ || !drawn_) return;
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace tconv::cli
