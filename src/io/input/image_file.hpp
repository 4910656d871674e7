// Decoding an image file of any format tconv reads, chosen by its magic bytes: PNG (libspng), JPEG
// (libjpeg-turbo), WebP (libwebp), TIFF (libtiff), .npy arrays, and BMP, TGA, GIF, PSD, HDR, PIC
// and PNM (stb_image). The header is read and checked against the caps before the rest of the file.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "io/input/byte_source.hpp"
#include "io/input/image_reader.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// The formats decode_image reads, for help texts.
inline constexpr const char* readable_formats = "PNG, JPEG, WebP, TIFF, BMP, TGA, GIF, PSD, HDR, PIC, PNM or .npy";

/// Decodes the image read from `source`. Keeps the file's channel count (1 grey, 2 grey+alpha,
/// 3 RGB, 4 RGBA; palettes expand to RGB/RGBA). Throws IoError (naming source.name()) for an empty,
/// truncated, corrupt or unknown file, or one over the caps, with the decoder's reason in parentheses.
LoadedImage decode_image(ByteSource& source, const LoadLimits& limits);

/// decode_image on bytes held in memory; `name` is used in errors.
LoadedImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits);

/// Opens and decodes `path` ("-" is standard input), at the file's depth (8, or 16). Throws IoError.
LoadedImage load_image(const std::string& path, const LoadLimits& limits);

/// load_image, then a 16-bit image reduced to 8 bits (core::with_depth, noted in rounded_to_8_bit):
/// for the subcommands that work at 8 bits (compare, animate, fit).
LoadedImage load_image_8_bit(const std::string& path, const LoadLimits& limits);

}  // namespace tconv::io
