// A PNG's metadata chunks: read through libspng (iCCP, sRGB, gAMA, cHRM, eXIf, pHYs), and written
// by tconv's own encoder in the order the PNG specification requires (all before PLTE and IDAT).
#pragma once
#include <cstdint>
#include <vector>

#include "io/metadata/image_metadata.hpp"

struct spng_ctx;

namespace tconv::io {

/// The metadata libspng decoded from a PNG whose chunks have all been read (spng_decode_chunks).
/// A chunk libspng refused to hand back (a corrupt iCCP stream) is left out, as libpng does.
ImageMetadata read_png_metadata(spng_ctx* ctx);

/// Appends the chunks that hold `metadata`: cHRM, gAMA, then iCCP (zlib-compressed, with the input's
/// profile name, or "icc" when it had none) or else sRGB (the PNG specification allows only one of the
/// two; the profile wins, as in libpng), then pHYs and eXIf. To be called between IHDR and IDAT.
void put_png_metadata(std::vector<std::uint8_t>& png, const ImageMetadata& metadata);

}  // namespace tconv::io
