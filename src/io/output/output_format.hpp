// The output formats tconv writes, chosen from an output's extension or --format, and what each can
// hold: the one place that knows which names mean which format.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tconv::io {

/// npy is not an image format: the real-valued result (float32 sums before clamping and rounding).
enum class OutputFormat { png, jpeg, webp, tiff, bmp, tga, pnm, pam, npy };

/// The format a name means, case-insensitive: png, jpg, jpeg, webp, tif, tiff, bmp, tga, ppm, pgm,
/// pnm, pam, npy (an extension without its dot, or a --format value); nullopt for any other.
std::optional<OutputFormat> output_format_named(std::string_view name);

/// The format an output path's extension means; nullopt when it has none or an unknown one.
std::optional<OutputFormat> output_format_of_path(std::string_view path);

/// The extension -d gives a format's files, without the dot ("png", "jpg", ...).
const char* output_extension(OutputFormat format);

/// The format's name in messages ("PNG", "JPEG", ...).
const char* output_format_text(OutputFormat format);

/// Whether --quality applies (JPEG, WebP).
bool takes_quality(OutputFormat format);

/// Whether the format holds 16-bit samples (PNG, TIFF, PNM, PAM, and .npy's float sums); JPEG, WebP,
/// BMP and TGA hold 8.
bool holds_16_bit(OutputFormat format);

/// The one-line note of what `format` cannot hold of an image of `channels` and `depth` bits and
/// drops, such as "JPEG holds no alpha: the alpha channel is dropped"; empty when it holds everything.
std::string dropped_by(OutputFormat format, int channels, int depth = 8);

}  // namespace tconv::io
