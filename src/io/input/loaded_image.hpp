// What every decoder shares: the caps it checks from the header, and what it hands back.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/geometry/pixel_count.hpp"
#include "core/image/image.hpp"
#include "io/metadata/image_metadata.hpp"

namespace tconv::io {

/// What a header says before any pixel is decoded: the size, and the samples a pixel is decoded to (a
/// decoder that cannot tell yet says 1 channel of 8 bits, so that only the pixels are counted).
struct HeaderShape {
    core::Extent2 size;
    int channels = 1;
    int depth = 8;  ///< bits per decoded sample: 8 or 16
};

/// Caps that keep a hostile header from allocating more than the user allows.
struct LoadLimits {
    LoadLimits() = default;
    LoadLimits(std::int64_t pixels, std::uint64_t file_bytes = std::uint64_t{1} << 31)
        : max_pixels(pixels), max_file_bytes(file_bytes) {}

    std::int64_t max_pixels = std::int64_t{1} << 28;        ///< core::counted_pixels of the input
    std::uint64_t max_file_bytes = std::uint64_t{1} << 31;  ///< encoded size read into memory
    /// Called with the header's shape once it passed max_pixels, before any pixel is decoded: the
    /// caller's own checks on it (such as the output size it implies), which throw to refuse.
    std::function<void(const HeaderShape&)> check_size;
};

/// A decoded image and what the decoder did to it.
struct LoadedImage {
    core::Image image;
    /// The decoder reduced 16-bit samples to 8 bits, keeping the high byte (a palette, CMYK or YCbCr
    /// TIFF read through libtiff's RGBA interface).
    bool reduced_from_16_bit = false;
    /// load_image_8_bit reduced a 16-bit image to 8 bits (round(v * 255 / 65535)), for a subcommand
    /// that works at 8 bits.
    bool rounded_to_8_bit = false;
    int orientation = 1;     ///< EXIF orientation (1..8) of the stored pixels, 1 when untagged
    int ignored_frames = 0;  ///< frames of an animation (GIF, APNG, WebP) other than the image decoded
    ImageMetadata metadata;  ///< ICC profile, EXIF, resolution... as the file held them
};

/// Throws IoError naming `name` unless a header's width x height is at least 1x1 and its image of
/// `channels` samples of `depth` bits is within limits.max_pixels (core::counted_pixels), then runs
/// limits.check_size: called by every decoder before any pixel is decoded.
void check_header_size(const std::string& name, std::int64_t width, std::int64_t height, const LoadLimits& limits,
                       int channels = 1, int depth = 8);

/// The reason an image (`what`: "image is", "output would be", ...) of footprint `f` is refused by
/// --max-pixels `max_pixels`, naming the cap and the numbers; empty when it is within.
std::string pixel_cap_problem(std::string_view what, const core::ImageFootprint& f, std::int64_t max_pixels);

}  // namespace tconv::io
