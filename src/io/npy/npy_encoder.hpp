// Writing a NumPy .npy file (format 1.0) of little-endian float32: how tconv hands real-valued results
// (the unclamped sums, a layer's feature maps) to a framework without loss.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/geometry/extent.hpp"
#include "core/image/row_stream.hpp"
#include "io/output/byte_sink.hpp"

namespace tconv::io {

/// The bytes before the values of a .npy file of a C-order float32 ('<f4') array of `shape` (1 to 8
/// sides, each >= 0): magic, version and the header NumPy writes. Throws std::invalid_argument for a
/// shape out of those bounds.
std::vector<std::uint8_t> npy_float32_header(std::span<const std::int64_t> shape);

/// A .npy file of a C-order float32 ('<f4') array of `shape` (1 to 8 sides, each >= 0) being filled:
/// its header, then room for every value, so that a result is written into the file's own bytes
/// and never held a second time. Throws std::invalid_argument for a shape out of those bounds.
class NpyFloat32File {
public:
    explicit NpyFloat32File(std::span<const std::int64_t> shape);

    /// Writes `values`, rounded to float32, as the elements first, first + 1, ... (C order). Calls for
    /// disjoint elements may run on several threads at once. Throws std::invalid_argument past the end.
    void put(std::size_t first, std::span<const double> values);
    void put(std::size_t first, std::span<const float> values);

    /// The file's bytes (every element not put is 0).
    std::vector<std::uint8_t> release() && { return std::move(bytes_); }

private:
    template <class T>
    void put_values(std::size_t first, std::span<const T> values);

    std::vector<std::uint8_t> bytes_;
    std::size_t data_offset_ = 0;
    std::size_t count_ = 0;
};

/// Writes a .npy file of a float32 array (size.h, size.w, channels) whose rows of real-valued sums come
/// from `rows` to `sink` as they are computed: the header, then blocks of rows (about 1 MiB each)
/// computed in order on `threads` (>= 1) threads, each rounded to float32 and written once those
/// before it are. No full-size array is made. Throws what `rows` or `sink` throw.
void encode_npy_rows(core::Extent2 size, int channels, const core::RealRowProducer& rows, int threads, ByteSink& sink);

/// The .npy bytes of a float32 array of `shape` holding `values` (the product of the shape). Throws
/// std::invalid_argument when the counts disagree.
std::vector<std::uint8_t> encode_npy_float32(std::span<const std::int64_t> shape, std::span<const float> values);

}  // namespace tconv::io
