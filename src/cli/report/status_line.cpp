// StatusLine: carriage return and erase-line on stderr, flushed at once.
#include "cli/report/status_line.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace tconv::cli {

StatusLine::StatusLine(bool enabled, std::chrono::milliseconds interval) : enabled_(enabled), interval_(interval) {}

bool StatusLine::due(bool final) {
    if (!enabled_) return false;
    const auto now = std::chrono::steady_clock::now();
    if (!final && drawn_ && now - last_ < interval_) return false;
    last_ = now;
    return true;
}

void StatusLine::draw(const std::string& text) {
    if (!enabled_) return;
    fmt::print(stderr, "\r\x1b[K{}", text);
    std::fflush(stderr);
    drawn_ = true;
}

void StatusLine::clear() {
    if (!enabled_ || !drawn_) return;
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace tconv::cli
