// The array after an .npy header, element by element (C or Fortran order, either byte order) into
// 8-bit samples, with the same rounding as tconv's output.
#include "io/npy/npy_decoder.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/npy/npy_header.hpp"

namespace tconv::io {
namespace {

/// An element of `bytes` bytes at `p` as an unsigned number, from either byte order.
std::uint64_t raw_bits(const std::uint8_t* p, int bytes, bool big_endian) {
    std::uint64_t v = 0;
    for (int b = 0; b < bytes; ++b) v |= std::uint64_t{p[big_endian ? bytes - 1 - b : b]} << (8 * b);
    return v;
}

/// The sample an element gives, or -1 with `why` set to its value when it is not one.
int sample_of(const NpyHeader& h, const std::uint8_t* p, std::string& why) {
    const std::uint64_t bits = raw_bits(p, h.item_bytes, h.big_endian);
    if (h.kind == 'u') {
        if (bits > 255) why = std::to_string(bits);
        return bits > 255 ? -1 : static_cast<int>(bits);
    }
    if (h.kind == 'i') {
        const int shift = 64 - 8 * h.item_bytes;
        const auto value = static_cast<std::int64_t>(bits << shift) >> shift;  // sign-extended
        if (value < 0 || value > 255) why = std::to_string(value);
        return value < 0 || value > 255 ? -1 : static_cast<int>(value);
    }
    double value = 0;
    if (h.item_bytes == 2) {
        value = half_to_double(static_cast<std::uint16_t>(bits));
    } else if (h.item_bytes == 4) {
        float f = 0;
        const auto u = static_cast<std::uint32_t>(bits);
        std::memcpy(&f, &u, 4);
        value = f;
    } else {
        std::memcpy(&value, &bits, 8);
    }
    if (!(value >= 0 && value <= 255)) {  // NaN too
        why = std::to_string(value);
        return -1;
    }
    return static_cast<int>(std::floor(value + 0.5));  // half away from zero, for values >= 0
}

}  // namespace

LoadedImage decode_npy(ByteSource& source, std::vector<std::uint8_t> bytes, const LoadLimits& limits) {
    const std::string& name = source.name();
    const NpyParse parsed = parse_npy_header(bytes);
    if (!parsed.header) throw IoError(name, "not a readable image (" + parsed.error + ")");
    const NpyHeader& h = *parsed.header;
    const auto& s = h.shape;
    if (!(s.size() == 2 || (s.size() == 3 && s[2] >= 1 && s[2] <= 4)))
        throw IoError(name, "not a readable image (.npy shape is not (H, W) or (H, W, C) with C from 1 to 4)");
    if (h.kind == 'b') throw IoError(name, "not a readable image (.npy array of bools is not an image)");
    const std::int64_t height = s[0], width = s[1];
    const int channels = s.size() == 3 ? static_cast<int>(s[2]) : 1;
    check_header_size(name, width, height, limits, channels);
    read_rest(source, bytes);
    const std::uint64_t data_bytes = h.count * static_cast<std::uint64_t>(h.item_bytes);
    if (bytes.size() - h.data_offset < data_bytes) throw IoError(name, "cannot decode image (the file is truncated)");
    if (bytes.size() - h.data_offset > data_bytes) throw IoError(name, "cannot decode image (bytes after the .npy array)");
    LoadedImage out;
    out.image = core::unwritten_image({height, width}, channels);
    const std::uint8_t* data = bytes.data() + h.data_offset;
    std::string why;
    for (std::int64_t y = 0; y < height; ++y)
        for (std::int64_t x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c) {
                const std::int64_t element = h.fortran_order ? y + height * (x + width * c) : (y * width + x) * channels + c;
                const int v = sample_of(h, data + element * h.item_bytes, why);
                if (v < 0)
                    throw IoError(name, "cannot decode image (.npy value " + why + " at (" + std::to_string(y) + ", " +
                                            std::to_string(x) + ", " + std::to_string(c) + ") is outside 0..255)");
                out.image.pixels[static_cast<std::size_t>((y * width + x) * channels + c)] = static_cast<std::uint8_t>(v);
            }
    return out;
}

}  // namespace tconv::io
