// ScatterRows: rows copied out of the scatter's image.
#include "core/conv/strategies/scatter_rows.hpp"

#include <cstring>

#include "core/conv/transposed_conv.hpp"

namespace tconv::core {

ScatterRows::ScatterRows(const Image& in, const Kernel& kernel, const OutputShape& shape)
    : out_(transposed_conv_scatter(in, kernel, shape)) {}

void ScatterRows::row(std::int64_t y, std::span<const RowTap>, Scratch&, std::uint8_t* out) const {
    const auto len = static_cast<std::size_t>(out_.width * out_.channels) * out_.sample_bytes();
    std::memcpy(out, out_.pixels.data() + static_cast<std::size_t>(y) * len, len);
}

}  // namespace tconv::core
