// load_layer_input: the first bytes decide; an .npy array's elements become doubles exactly (floats
// through float_elements, integers sign- or zero-extended), every one checked to be finite.
#include "io/layers/layer_input.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/layers/layer_tensor.hpp"
#include "io/npy/npy_header.hpp"

namespace tconv::io {
namespace {

/// The bytes already read, then the rest of `source`: so that the decoder the head chose reads the
/// file from its start.
class PrefixedSource final : public ByteSource {
public:
    PrefixedSource(std::vector<std::uint8_t> head, ByteSource& rest) : head_(std::move(head)), rest_(rest) {}
    std::size_t read(std::span<std::uint8_t> out) override {
        const std::size_t from_head = std::min(out.size(), head_.size() - at_);
        std::copy_n(head_.begin() + static_cast<std::ptrdiff_t>(at_), from_head, out.begin());
        at_ += from_head;
        return from_head + (from_head < out.size() ? rest_.read(out.subspan(from_head)) : 0);
    }
    const std::string& name() const override { return rest_.name(); }

private:
    std::vector<std::uint8_t> head_;
    std::size_t at_ = 0;
    ByteSource& rest_;
};

/// The integer elements of `data` as doubles (exact below 2^53, nearest above).
std::vector<double> decode_integers(const std::uint8_t* data, std::uint64_t count, const NpyHeader& h) {
    std::vector<double> v(static_cast<std::size_t>(count));
    const int bytes = h.item_bytes;
    for (std::uint64_t n = 0; n < count; ++n) {
        std::uint64_t bits = 0;
        const std::uint8_t* p = data + n * static_cast<std::uint64_t>(bytes);
        for (int b = 0; b < bytes; ++b) bits |= std::uint64_t{p[h.big_endian ? bytes - 1 - b : b]} << (8 * b);
        if (h.kind == 'u') {
            v[n] = static_cast<double>(bits);
        } else {
            const int shift = 64 - 8 * bytes;
            v[n] = static_cast<double>(static_cast<std::int64_t>(bits << shift) >> shift);
        }
    }
    return v;
}

FloatEncoding float_encoding(int item_bytes) {
    return item_bytes == 2 ? FloatEncoding::binary16 : item_bytes == 4 ? FloatEncoding::binary32 : FloatEncoding::binary64;
}

}  // namespace

core::RealImage decode_npy_values(ByteSource& source, std::vector<std::uint8_t> bytes, const LoadLimits& limits) {
    const std::string& name = source.name();
    const NpyParse parsed = parse_npy_header(bytes);
    if (!parsed.header) throw IoError(name, "not a readable array (" + parsed.error + ")");
    const NpyHeader& h = *parsed.header;
    const auto& s = h.shape;
    if (!(s.size() == 2 || (s.size() == 3 && s[2] >= 1 && s[2] <= max_layer_channels)))
        throw IoError(name, "not a readable array (.npy shape is not (H, W) or (H, W, C) with C from 1 to " +
                                std::to_string(max_layer_channels) + ")");
    if (h.kind == 'b') throw IoError(name, "not a readable array (.npy array of bools holds no values)");
    const std::int64_t height = s[0], width = s[1];
    const int channels = s.size() == 3 ? static_cast<int>(s[2]) : 1;
    check_header_size(name, width, height, limits);
    if (h.count > static_cast<std::uint64_t>(limits.max_pixels))
        throw IoError(name, "array of " + std::to_string(h.count) + " values is over the limit of " +
                                std::to_string(limits.max_pixels) + " (--max-pixels)");
    read_rest(source, bytes);
    const std::uint64_t data_bytes = h.count * static_cast<std::uint64_t>(h.item_bytes);
    if (bytes.size() - h.data_offset < data_bytes) throw IoError(name, "cannot decode array (the file is truncated)");
    if (bytes.size() - h.data_offset > data_bytes) throw IoError(name, "cannot decode array (bytes after the .npy array)");
    const std::uint8_t* data = bytes.data() + h.data_offset;
    const std::vector<double> elements =
        h.kind == 'f' ? decode_floats({data, static_cast<std::size_t>(data_bytes)}, float_encoding(h.item_bytes), h.big_endian)
                      : decode_integers(data, h.count, h);
    core::RealImage out{{height, width}, channels, std::vector<double>(elements.size())};
    for (std::int64_t y = 0; y < height; ++y)
        for (std::int64_t x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c) {
                const std::int64_t element = h.fortran_order ? y + height * (x + width * c) : (y * width + x) * channels + c;
                const double v = elements[static_cast<std::size_t>(element)];
                if (!std::isfinite(v))
                    throw IoError(name, "cannot decode array (.npy value " + std::to_string(v) + " at (" + std::to_string(y) +
                                            ", " + std::to_string(x) + ", " + std::to_string(c) + ") is not finite)");
                out.values[static_cast<std::size_t>((y * width + x) * channels + c)] = v;
            }
    return out;
}

namespace {

LayerInput decode_layer_input(ByteSource& source, const LoadLimits& limits) {
    constexpr std::size_t head_size = 1 << 16;  // as decode_image reads: every header fits
    std::vector<std::uint8_t> head = read_up_to(source, head_size);
    LayerInput in;
    if (is_npy(head)) {
        in.npy = decode_npy_values(source, std::move(head), limits);
        return in;
    }
    PrefixedSource whole(std::move(head), source);
    in.image = decode_image(whole, limits);
    return in;
}

}  // namespace

LayerInput load_layer_input(const std::string& path, const LoadLimits& limits) {
    FileSource source(path, limits.max_file_bytes);
    return decode_layer_input(source, limits);
}

LayerInput decode_layer_input(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits) {
    MemorySource source(bytes, name);
    return decode_layer_input(source, limits);
}

}  // namespace tconv::io
