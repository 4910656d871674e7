// Diagnostics: the "tconv: error:", "tconv: warning:" and note forms, and the load warnings.
#include "cli/report/diagnostics.hpp"

#include <fmt/format.h>

namespace tconv::cli {

std::string error_line(std::string_view subject, std::string_view reason) {
    return fmt::format("tconv: error: {}: {}", subject, reason);
}

std::string error_line(std::string_view message) { return fmt::format("tconv: error: {}", message); }

std::string warning_line(std::string_view message) { return fmt::format("tconv: warning: {}", message); }

std::string note_line(std::string_view subject, std::string_view text) { return fmt::format("tconv: {}: {}", subject, text); }

std::vector<std::string> load_warnings(std::string_view file, const io::LoadedImage& loaded) {
    std::vector<std::string> lines;
    if (loaded.reduced_from_16_bit)
        lines.push_back(warning_line(
            fmt::format("{}: 16-bit image reduced to 8 bits per channel (the high byte of each sample is kept)", file)));
    if (loaded.rounded_to_8_bit)
        lines.push_back(warning_line(fmt::format(
            "{}: 16-bit image reduced to 8 bits per channel (round(v * 255 / 65535)): this subcommand works at 8 bits", file)));
    if (loaded.ignored_frames > 0)
        lines.push_back(warning_line(fmt::format("{}: animation: only the first image is used, {} frame{} ignored", file,
                                                 loaded.ignored_frames, loaded.ignored_frames == 1 ? "" : "s")));
    return lines;
}

}  // namespace tconv::cli
