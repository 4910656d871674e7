// One switch from format to encoder.
#include "io/output/image_encoder.hpp"

#include <string>

#include "io/io_error.hpp"
#include "io/jpeg/jpeg_encoder.hpp"
#include "io/npy/npy_encoder.hpp"
#include "io/output/ordered_rows.hpp"
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
        case OutputFormat::tiff:
        case OutputFormat::bmp:
        case OutputFormat::tga:
        case OutputFormat::pnm:
        case OutputFormat::pam: {
            MemorySink file;
            encode_image_rows(
                image.size(), image.channels, image.depth,
                rows_of(image.pixels.data(), static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes()),
                format, 1, file, metadata);
            return file.joined();
        }
        case OutputFormat::npy: {
            const std::vector<float> samples(image.pixels.begin(), image.pixels.end());
            const std::int64_t shape[] = {image.height, image.width, image.channels};
            return encode_npy_float32(shape, samples);
        }
    }
    throw IoError("", "unknown output format");
}

bool encodes_rows(OutputFormat format) {
    return format == OutputFormat::tiff || format == OutputFormat::bmp || format == OutputFormat::tga ||
           format == OutputFormat::pnm || format == OutputFormat::pam;
}

void encode_image_rows(core::Extent2 size, int channels, int depth, const core::RowProducer& rows, OutputFormat format,
                       int threads, ByteSink& sink, const ImageMetadata& metadata) {
    if (depth == 16 && !holds_16_bit(format))
        throw IoError("", std::string("cannot encode 16-bit samples as ") + output_format_text(format) + " (8 bits at most)");
    if (format == OutputFormat::tiff) return encode_tiff_rows(size, channels, depth, rows, threads, sink, metadata);
    if (!encodes_rows(format)) throw IoError("", std::string("cannot encode ") + output_format_text(format) + " by rows");
    encode_raw_rows(format, size, channels, depth, rows, threads, sink, metadata.resolution);
}

}  // namespace tconv::io
