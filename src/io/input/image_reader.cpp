// The whole-image reader: rows copied from the decoded image.
#include "io/input/image_reader.hpp"

#include <cstring>

namespace tconv::io {

void ImageReader::read_row(std::uint8_t* row) {
    const core::Image& image = loaded_.image;
    const std::size_t row_bytes = static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes();
    std::memcpy(row, image.pixels.data() + static_cast<std::size_t>(next_row_++) * row_bytes, row_bytes);
}

namespace {

class WholeImageReader final : public ImageReader {
public:
    WholeImageReader(LoadedImage loaded, std::string how) {
        loaded_ = std::move(loaded);
        how_ = std::move(how);
    }
};

}  // namespace

std::unique_ptr<ImageReader> whole_image_reader(LoadedImage loaded, std::string how) {
    return std::make_unique<WholeImageReader>(std::move(loaded), std::move(how));
}

}  // namespace tconv::io
