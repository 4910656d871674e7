// Output format names and capacities: alpha is held by PNG, WebP, TIFF, BMP (32-bit), TGA, PAM and .npy;
// grey is expanded to RGB where a format has no grey (WebP, BMP), which loses nothing.
#include "io/output/output_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace tconv::io {
namespace {

constexpr std::array<std::pair<std::string_view, OutputFormat>, 13> names{{{"png", OutputFormat::png},
                                                                           {"jpg", OutputFormat::jpeg},
                                                                           {"jpeg", OutputFormat::jpeg},
                                                                           {"webp", OutputFormat::webp},
                                                                           {"tif", OutputFormat::tiff},
                                                                           {"tiff", OutputFormat::tiff},
                                                                           {"bmp", OutputFormat::bmp},
                                                                           {"tga", OutputFormat::tga},
                                                                           {"ppm", OutputFormat::pnm},
                                                                           {"pgm", OutputFormat::pnm},
                                                                           {"pnm", OutputFormat::pnm},
                                                                           {"pam", OutputFormat::pam},
                                                                           {"npy", OutputFormat::npy}}};

}  // namespace

std::optional<OutputFormat> output_format_named(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& [n, f] : names)
        if (n == lower) return f;
    return std::nullopt;
}

std::optional<OutputFormat> output_format_of_path(std::string_view path) {
    const std::size_t slash = path.find_last_of('/');
    const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = file.find_last_of('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    return output_format_named(file.substr(dot + 1));
}

const char* output_extension(OutputFormat format) {
    switch (format) {
        case OutputFormat::png: return "png";
        case OutputFormat::jpeg: return "jpg";
        case OutputFormat::webp: return "webp";
        case OutputFormat::tiff: return "tif";
        case OutputFormat::bmp: return "bmp";
        case OutputFormat::tga: return "tga";
        case OutputFormat::pnm: return "pnm";
        case OutputFormat::pam: return "pam";
        case OutputFormat::npy: return "npy";
    }
    return "png";
}

const char* output_format_text(OutputFormat format) {
    switch (format) {
        case OutputFormat::png: return "PNG";
        case OutputFormat::jpeg: return "JPEG";
        case OutputFormat::webp: return "WebP";
        case OutputFormat::tiff: return "TIFF";
        case OutputFormat::bmp: return "BMP";
        case OutputFormat::tga: return "TGA";
        case OutputFormat::pnm: return "PNM";
        case OutputFormat::pam: return "PAM";
        case OutputFormat::npy: return "NumPy .npy";
    }
    return "PNG";
}

bool takes_quality(OutputFormat format) { return format == OutputFormat::jpeg || format == OutputFormat::webp; }

bool holds_16_bit(OutputFormat format) {
    // .npy holds the float32 sums, which 16-bit samples' sums fit as well as 8-bit ones.
    return format == OutputFormat::png || format == OutputFormat::tiff || format == OutputFormat::pnm ||
           format == OutputFormat::pam || format == OutputFormat::npy;
}

std::string dropped_by(OutputFormat format, int channels, int depth) {
    const bool alpha = channels == 2 || channels == 4;
    std::string note;
    if (alpha && (format == OutputFormat::jpeg || format == OutputFormat::pnm))
        note = std::string(output_format_text(format)) + " holds no alpha: the alpha channel is dropped";
    if (depth == 16 && !holds_16_bit(format))
        note += std::string(note.empty() ? "" : "; ") + output_format_text(format) +
                " holds 8 bits per sample: the 16-bit result is reduced to 8 bits (round(v * 255 / 65535))";
    return note;
}

}  // namespace tconv::io
