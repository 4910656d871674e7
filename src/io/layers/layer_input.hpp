// The inputs of a trained layer: images as the main job reads them, and .npy arrays whose values go
// in as they are (any number of channels, real values), so a framework's feature map can be fed in.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/conv/real_conv.hpp"
#include "io/input/byte_source.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

/// What load_layer_input read: an image (as load_image decodes it), or an .npy array's values.
struct LayerInput {
    std::optional<LoadedImage> image;    ///< set for every format but .npy
    std::optional<core::RealImage> npy;  ///< set for .npy
};

/// Decodes the .npy read from `source`, whose first bytes `head` (holding the whole header) were
/// already read, into its values as they are: shape (H, W) (one channel) or (H, W, C) with 1 <= C <=
/// 65536, any integer or float dtype, C or Fortran order, either byte order. H x W is checked
/// against the caps (check_header_size) and H x W x C against limits.max_pixels before the array is
/// read. Throws IoError naming `source` for another shape, a bool array, a value that is NaN or
/// infinite (naming its (y, x, c)), a short file or bytes after the array.
core::RealImage decode_npy_values(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits);

/// Opens `path` ("-" is standard input): an .npy file (by its magic bytes) through decode_npy_values,
/// anything else through decode_image. Throws IoError.
LayerInput load_layer_input(const std::string& path, const LoadLimits& limits);

/// load_layer_input on bytes in memory (tests, fuzzing); `name` is used in errors.
LayerInput decode_layer_input(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits);

}  // namespace tconv::io
