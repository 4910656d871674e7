// StatusLine: one line on stderr redrawn in place, rate-limited; the mechanism behind every progress line.
#pragma once
#include <chrono>
#include <string>

namespace tconv::cli {

/// Redraws one stderr line in place (carriage return + erase line), so it never scrolls the terminal.
/// Disabled, it does nothing: callers enable it only when stderr is a terminal.
class StatusLine {
public:
    StatusLine(bool enabled, std::chrono::milliseconds interval);
    /// True when a redraw is due: enabled, and `final`, or nothing drawn yet, or `interval` has passed
    /// since the last redraw. A true answer counts as that redraw's time.
    bool due(bool final);
    /// Replaces the line with `text`.
    void draw(const std::string& text);
    /// Erases the line, so that other stderr output starts on a clean line.
    void clear();

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace tconv::cli
