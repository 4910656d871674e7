// One switch from format to encoder.
#include "io/output/image_encoder.hpp"

#include <string>

#include "io/io_error.hpp"
#include "io/jpeg/jpeg_encoder.hpp"
#include "io/npy/npy_encoder.hpp"
#include "io/png/png_encoder.hpp"
#include "io/raw/raw_encoders.hpp"
#include "io/tiff/tiff_encoder.hpp"
#include "io/webp/webp_encoder.hpp"

namespace tconv::io {

std::vector<std::uint8_t> encode_image(const core::Image& image, OutputFormat format, const EncodeOptions& options,
                                       const ImageMetadata& metadata) {
    if (image.depth == 16 && !holds_16_bit(format))
        throw IoError("", std::string("cannot encode 16-bit samples as ") + output_format_text(format) + " (8 bits at most)");
    switch (format) {
        case OutputFormat::png: return encode_png(image, {}, 1, metadata);
        case OutputFormat::jpeg: return encode_jpeg(image, options.quality, metadata);
        case OutputFormat::webp: return encode_webp(image, options.quality, options.lossless, metadata);
        case OutputFormat::tiff: return encode_tiff(image, metadata);
        case OutputFormat::bmp: return encode_bmp(image, metadata.resolution);
        case OutputFormat::tga: return encode_tga(image);
        case OutputFormat::pnm: return encode_pnm(image);
        case OutputFormat::pam: return encode_pam(image);
        case OutputFormat::npy: {
            const std::vector<float> samples(image.pixels.begin(), image.pixels.end());
            const std::int64_t shape[] = {image.height, image.width, image.channels};
            return encode_npy_float32(shape, samples);
        }
    }
    throw IoError("", "unknown output format");
}

}  // namespace tconv::io
