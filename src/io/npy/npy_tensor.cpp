// .npy float arrays to LayerTensor; a Fortran-order array is reordered to C order.
#include "io/npy/npy_tensor.hpp"

#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/npy/npy_header.hpp"

namespace tconv::io {
namespace {

/// The values of a column-major array of `shape`, in row-major order.
std::vector<double> to_c_order(const std::vector<double>& fortran, const std::vector<std::int64_t>& shape) {
    std::vector<double> c(fortran.size());
    std::vector<std::int64_t> index(shape.size(), 0);
    for (std::size_t flat = 0; flat < c.size(); ++flat) {
        std::int64_t at = 0;  // column-major offset of `index`
        for (std::size_t d = shape.size(); d-- > 0;) at = at * shape[d] + index[d];
        c[flat] = fortran[static_cast<std::size_t>(at)];
        for (std::size_t d = shape.size(); d-- > 0;) {  // the row-major successor of `index`
            if (++index[d] < shape[d]) break;
            index[d] = 0;
        }
    }
    return c;
}

}  // namespace

LayerTensor read_npy_tensor(std::span<const std::uint8_t> bytes, const std::string& name) {
    const NpyParse parsed = parse_npy_header(bytes);
    if (!parsed.header) throw IoError(name, "not a readable .npy file (" + parsed.error + ")");
    const NpyHeader& h = *parsed.header;
    if (h.kind != 'f')
        throw IoError(name,
                      std::string(".npy dtype ") + h.kind + std::to_string(h.item_bytes) + " is not float16, float32 or float64");
    if (h.count > max_layer_weights)
        throw IoError(name,
                      ".npy shape " + shape_text(h.shape) + " holds more than " + std::to_string(max_layer_weights) + " values");
    const std::uint64_t data_bytes = h.count * static_cast<std::uint64_t>(h.item_bytes);
    const std::uint64_t have = bytes.size() - h.data_offset;
    if (have < data_bytes)
        throw IoError(name,
                      ".npy file is truncated (" + std::to_string(have) + " of " + std::to_string(data_bytes) + " data bytes)");
    if (have > data_bytes) throw IoError(name, ".npy file has " + std::to_string(have - data_bytes) + " bytes after its array");
    const FloatEncoding encoding = h.item_bytes == 2   ? FloatEncoding::binary16
                                   : h.item_bytes == 4 ? FloatEncoding::binary32
                                                       : FloatEncoding::binary64;
    LayerTensor tensor;
    tensor.shape = h.shape;
    tensor.values = decode_floats(bytes.subspan(h.data_offset), encoding, h.big_endian);
    if (h.fortran_order) tensor.values = to_c_order(tensor.values, tensor.shape);
    return tensor;
}

}  // namespace tconv::io
