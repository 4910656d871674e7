// The uncompressed formats, written row by row as the rows come: BMP, TGA, binary PNM (P5/P6) and
// PAM (P7).
#pragma once
#include <cstdint>
#include <optional>

#include "core/image/image.hpp"
#include "core/image/row_stream.hpp"
#include "io/metadata/image_metadata.hpp"
#include "io/output/byte_sink.hpp"
#include "io/output/output_format.hpp"

namespace tconv::io {

/// Encodes as `format` (bmp, tga, pnm or pam) an image of `size` and `channels` samples of `depth`
/// bits (host order when 16) whose rows come from `rows`, called for blocks of rows in order, up to
/// `threads` at once; the header and then the rows go to `sink` as they come.
/// - BMP and TGA take 8 bits (encode_image refuses 16 for them). BMP, bottom-up: 24-bit BGR, or with
///   alpha 32-bit BGRA (a BITMAPV4HEADER whose masks name the alpha byte); grey is spread to BGR;
///   `resolution` (with a unit) as pixels per metre, else 72 dpi. Its pixel data is first written as
///   zeros, then each row put in its place, so that the rows are still used top to bottom.
/// - TGA, uncompressed, top-left origin: grey 8-bit (type 3), or BGR / BGRA (type 2; grey+alpha is
///   spread to BGRA).
/// - PNM: P5 (grey) or P6 (RGB), max value 255 (8-bit) or 65535 (16-bit, big-endian samples); alpha
///   is left out (the caller said so). PAM: P7 with TUPLTYPE GRAYSCALE, GRAYSCALE_ALPHA, RGB or
///   RGB_ALPHA, max value as PNM.
/// Throws IoError with an empty file name for a BMP over 4 GiB or a TGA side over 65535, before
/// anything is written; and what `rows` or `sink` throw.
void encode_raw_rows(OutputFormat format, core::Extent2 size, int channels, int depth, const core::RowProducer& rows, int threads,
                     ByteSink& sink, const std::optional<Resolution>& resolution = {});

}  // namespace tconv::io
