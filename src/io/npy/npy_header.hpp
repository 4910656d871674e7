// The header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0): magic, version, header length
// and the Python dict literal giving dtype, order and shape. Standalone, for images and weights alike.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tconv::io {

/// What an .npy header says about the array after it.
struct NpyHeader {
    char kind = 0;               ///< 'f' float, 'i' signed, 'u' unsigned integer, 'b' bool
    int item_bytes = 0;          ///< 1, 2, 4 or 8
    bool big_endian = false;     ///< '>' in the descr (and never for 1-byte items)
    bool fortran_order = false;  ///< column-major
    std::vector<std::int64_t> shape;
    std::size_t data_offset = 0;  ///< where the array's bytes start
    std::uint64_t count = 0;      ///< product of the shape (1 for a 0-d array)
};

/// Parses the header at the start of `bytes` (at least the whole header; the data may be missing).
/// Returns the reason it is not a valid .npy header as `error`, or the header. Accepts the dict as
/// NumPy writes it and as Python would read it: keys in any order, single or double quotes, spaces,
/// a trailing comma; refuses unknown keys, dtypes other than b1, i1-i8, u1-u8, f2, f4, f8, shapes
/// with negative sides or whose element count overflows 2^63.
struct NpyParse {
    std::optional<NpyHeader> header;
    std::string error;
};
NpyParse parse_npy_header(std::span<const std::uint8_t> bytes);

/// Whether `bytes` starts with the .npy magic "\x93NUMPY".
bool is_npy(std::span<const std::uint8_t> bytes);

}  // namespace tconv::io
