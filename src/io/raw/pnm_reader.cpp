// The samples after the header are read in chunks of about 1 MiB and handed out a row at a time.
#include "io/raw/pnm_reader.hpp"

#include <algorithm>
#include <cstring>

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

/// The rows of one PNM, read from its source as they are asked for.
class PnmRows {
public:
    PnmRows(ByteSource& source, std::vector<std::uint8_t> head, const PnmHeader& pnm)
        : source_(source),
          buffer_(std::move(head)),
          at_(pnm.data_offset),
          max_value_(static_cast<std::uint64_t>(pnm.max_value)),
          header_{pnm.height, pnm.width, pnm.channels, {}, pnm.max_value > 255 ? 16 : 8} {
        row_.resize(static_cast<std::size_t>(pnm.width * pnm.channels) * header_.sample_bytes());
    }
    /// The image's shape, without pixels.
    const core::Image& header() const { return header_; }

    void read_row(std::uint8_t* row) {
        fill(row_.data(), row_.size());
        if (header_.depth == 8) {
            std::copy(row_.begin(), row_.end(), row);
            return;
        }
        for (std::size_t i = 0; i < row_.size(); i += 2) {
            const std::uint16_t v = scaled_pnm_sample(std::uint64_t{row_[i]} << 8 | row_[i + 1], max_value_);
            std::memcpy(row + i, &v, 2);
        }
    }

private:
    /// Copies the next `n` bytes of the file to `dst`.
    void fill(std::uint8_t* dst, std::size_t n) {
        while (n > 0) {
            if (at_ == buffer_.size()) {
                buffer_.resize(std::max(n, chunk));
                buffer_.resize(source_.read(buffer_));
                at_ = 0;
                if (buffer_.empty())
                    throw IoError(source_.name(), "not a readable image (PNM file is shorter than its header says)");
            }
            const std::size_t count = std::min(n, buffer_.size() - at_);
            std::copy_n(buffer_.begin() + static_cast<std::ptrdiff_t>(at_), count, dst);
            at_ += count;
            dst += count;
            n -= count;
        }
    }

    static constexpr std::size_t chunk = std::size_t{1} << 20;
    ByteSource& source_;
    std::vector<std::uint8_t> buffer_;  ///< bytes read, from at_ on not used yet
    std::size_t at_;
    std::uint64_t max_value_;
    core::Image header_;
    std::vector<std::uint8_t> row_;  ///< one row as the file stores it
};

class PnmRowReader final : public ImageReader {
public:
    PnmRowReader(std::unique_ptr<ByteSource> source, std::vector<std::uint8_t> head, const PnmHeader& pnm)
        : source_(std::move(source)), rows_(*source_, std::move(head), pnm) {
        loaded_.image = rows_.header();
        how_ = "PNM rows (streamed)";
    }
    bool streams() const override { return true; }
    void read_row(std::uint8_t* row) override { rows_.read_row(row); }

private:
    std::unique_ptr<ByteSource> source_;
    PnmRows rows_;
};

}  // namespace

std::uint16_t scaled_pnm_sample(std::uint64_t v, std::uint64_t max_value) {
    return static_cast<std::uint16_t>((std::min(v, max_value) * 65535 * 2 + max_value) / (2 * max_value));
}

std::unique_ptr<ImageReader> open_pnm(std::unique_ptr<ByteSource> source, std::vector<std::uint8_t> head, const PnmHeader& pnm) {
    return std::make_unique<PnmRowReader>(std::move(source), std::move(head), pnm);
}

LoadedImage decode_pnm(ByteSource& source, std::vector<std::uint8_t> head, const PnmHeader& pnm) {
    PnmRows rows(source, std::move(head), pnm);
    LoadedImage out;
    const core::Image& header = rows.header();
    out.image = core::unwritten_image(header.size(), header.channels, header.depth);
    const std::size_t row_bytes = static_cast<std::size_t>(header.width * header.channels) * header.sample_bytes();
    for (std::int64_t y = 0; y < header.height; ++y)
        rows.read_row(out.image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
    return out;
}

}  // namespace tconv::io
