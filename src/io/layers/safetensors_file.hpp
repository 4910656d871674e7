// The safetensors container (Hugging Face): an 8-byte little-endian header length, a JSON header
// naming each tensor's dtype, shape and byte range, then the tensors' bytes. Parsed with nlohmann-json
// and checked as the reference implementation checks it, over bytes in memory.
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "io/layers/layer_tensor.hpp"

namespace tconv::io {

/// Longest JSON header accepted: 4 MiB, room for some 40,000 tensors (whole models have hundreds to
/// thousands), which bounds the parsed JSON's memory to about 150 MB for the most hostile header;
/// the reference implementation allows 100 MB.
inline constexpr std::uint64_t max_safetensors_header = std::uint64_t{1} << 22;

/// One tensor's entry, its bytes a view into the parsed buffer.
struct SafetensorsTensor {
    std::string dtype;  ///< as the header spells it: "F32", "F16", "BF16", "F64", "I64", ...
    std::vector<std::int64_t> shape;
    std::span<const std::uint8_t> data;
};

/// Every tensor by name, and the optional "__metadata__" (string to string).
struct SafetensorsFile {
    std::map<std::string, SafetensorsTensor> tensors;
    std::map<std::string, std::string> metadata;
};

/// Parses `bytes` (a whole file). Throws IoError(name, reason) when the length prefix or the header is
/// malformed (including a header that does not begin with '{' or holds more than spaces after its
/// JSON), a dtype is unknown, a shape's byte count differs from its data_offsets, or the tensors do
/// not tile the data after the header exactly (no gaps, overlaps or bytes past them).
SafetensorsFile parse_safetensors(std::span<const std::uint8_t> bytes, const std::string& name);

/// A float tensor's values (F16, BF16, F32, F64; exact). Throws IoError(file, reason) for another
/// dtype or more than max_layer_weights values.
LayerTensor safetensors_float_tensor(const SafetensorsTensor& tensor, const std::string& tensor_name, const std::string& file);

}  // namespace tconv::io
