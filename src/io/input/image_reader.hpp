// An input opened for its rows: the header, metadata and orientation are read when it opens, the rows
// come top to bottom. A format that can stream decodes a row as it is read (PNG without interlacing
// through libspng's progressive decoding, JPEG by scanlines); the others are decoded whole when opened
// and their rows handed out from memory, behind the same interface.
#pragma once
#include <cstdint>
#include <exception>
#include <memory>
#include <string>

#include "io/input/byte_source.hpp"
#include "io/input/loaded_image.hpp"

namespace tconv::io {

class ImageReader {
public:
    virtual ~ImageReader() = default;

    /// What the file holds besides its rows: metadata, orientation, frames ignored, depth reduced. Its
    /// image has the header's size, channels and depth; its pixels are there only when !streams().
    LoadedImage& loaded() { return loaded_; }
    const LoadedImage& loaded() const { return loaded_; }
    const core::Image& header() const { return loaded_.image; }

    /// True when rows are decoded as they are read; false when the image was decoded whole (its pixels
    /// are in loaded().image).
    virtual bool streams() const { return false; }
    /// How the rows are read, for -v: "PNG rows (libspng, streamed)", "WebP (decoded whole)".
    const std::string& how() const { return how_; }

    /// Decodes the next row (header().width * channels samples of depth bits) into `row`. Throws
    /// IoError for a corrupt file; a truncated one may give rows of any value, refused by finish().
    virtual void read_row(std::uint8_t* row);
    /// After the last row: reads the rest of the file and checks it (checksums, truncation, what
    /// follows the image). Throws IoError, or ReadWholeInstead.
    virtual void finish() {}

protected:
    LoadedImage loaded_;
    std::string how_;
    std::int64_t next_row_ = 0;
};

/// Thrown by finish() when the file turned out to hold, after its image data, something that had to be
/// known before the first row was used (metadata a PNG may place after IDAT): nothing read so far was
/// wrong, but the output made from it lacks that; the caller reads the input again whole.
class ReadWholeInstead : public std::exception {
public:
    const char* what() const noexcept override { return "metadata after the image data: read again whole"; }
};

/// Opens `path` ("-" is standard input) for its rows. With `stream` false, or for a format that cannot
/// stream, the image is decoded whole here. Throws IoError as load_image does.
std::unique_ptr<ImageReader> open_image(const std::string& path, const LoadLimits& limits, bool stream);

/// An image decoded whole, as an ImageReader.
std::unique_ptr<ImageReader> whole_image_reader(LoadedImage loaded, std::string how);

}  // namespace tconv::io
