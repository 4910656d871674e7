// safetensors parsing: the length prefix and the header are checked against the buffer before any
// tensor is looked at, so a header claiming huge shapes costs nothing but its own bytes.
#include "io/layers/safetensors_file.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

using Json = nlohmann::json;

/// Bytes per element of a safetensors dtype, or 0 when it is not one.
int dtype_bytes(const std::string& dtype) {
    static const std::map<std::string, int> sizes{{"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1},
                                                  {"I16", 2},  {"U16", 2}, {"F16", 2}, {"BF16", 2},    {"I32", 4},
                                                  {"U32", 4},  {"F32", 4}, {"F64", 8}, {"I64", 8},     {"U64", 8}};
    const auto it = sizes.find(dtype);
    return it == sizes.end() ? 0 : it->second;
}

[[noreturn]] void refuse(const std::string& name, const std::string& why) {
    throw IoError(name, "not a readable .safetensors file (" + why + ")");
}

/// A JSON array of non-negative integers below 2^63, or refuse naming `what`.
std::vector<std::int64_t> whole_numbers(const Json& array, const std::string& name, const std::string& what) {
    if (!array.is_array()) refuse(name, what + " is not a list");
    std::vector<std::int64_t> numbers;
    for (const Json& item : array) {
        if (!item.is_number_unsigned() ||
            item.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            refuse(name, what + " holds " + (item.is_number() ? item.dump() : std::string("a JSON ") + item.type_name()) +
                             ", not a whole number");
        numbers.push_back(item.get<std::int64_t>());
    }
    return numbers;
}

struct Range {
    std::uint64_t begin, end;
    const std::string* tensor;
};

}  // namespace

SafetensorsFile parse_safetensors(std::span<const std::uint8_t> bytes, const std::string& name) {
    if (bytes.size() < 8) refuse(name, "shorter than its 8-byte header length");
    std::uint64_t header_length = 0;
    for (int b = 0; b < 8; ++b) header_length |= std::uint64_t{bytes[b]} << (8 * b);
    if (header_length > max_safetensors_header)
        refuse(name, "header length " + std::to_string(header_length) + " is over the limit of " +
                         std::to_string(max_safetensors_header));
    if (header_length > bytes.size() - 8)
        refuse(name, "header length " + std::to_string(header_length) + " is more than the " + std::to_string(bytes.size() - 8) +
                         " bytes after it");
    const auto header_bytes = bytes.subspan(8, header_length);
    const Json header = Json::parse(header_bytes.begin(), header_bytes.end(), nullptr, false);
    if (header.is_discarded()) refuse(name, "the header is not valid JSON");
    if (!header.is_object()) refuse(name, "the header is not a JSON object");
    // The format's header is JSON beginning with '{', padded with spaces (0x20) only; nlohmann-json
    // would also skip other whitespace and a byte-order mark, and stops reading at a NUL byte.
    if (header_bytes.front() != '{') refuse(name, "the header does not begin with '{'");
    const auto last = std::find_if(header_bytes.rbegin(), header_bytes.rend(), [](std::uint8_t b) { return b != ' '; });
    if (*last != '}' || std::find(header_bytes.begin(), header_bytes.end(), 0) != header_bytes.end())
        refuse(name, "the header has bytes after its JSON other than the spaces that may pad it");
    const auto data = bytes.subspan(8 + header_length);

    SafetensorsFile file;
    std::vector<Range> ranges;
    for (const auto& [key, entry] : header.items()) {
        if (key == "__metadata__") {
            if (!entry.is_object()) refuse(name, "__metadata__ is not an object");
            for (const auto& [meta_key, value] : entry.items()) {
                if (!value.is_string()) refuse(name, "__metadata__ " + quoted_name(meta_key) + " is not a string");
                file.metadata[meta_key] = value.get<std::string>();
            }
            continue;
        }
        const std::string what = "tensor " + quoted_name(key);
        if (!entry.is_object()) refuse(name, what + " is not an object");
        for (const auto& [field, value] : entry.items())
            if (field != "dtype" && field != "shape" && field != "data_offsets")
                refuse(name, what + " has an unknown field " + quoted_name(field));
        if (!entry.contains("dtype") || !entry.contains("shape") || !entry.contains("data_offsets"))
            refuse(name, what + " lacks dtype, shape or data_offsets");
        if (!entry["dtype"].is_string()) refuse(name, what + " has a dtype that is not a string");
        SafetensorsTensor tensor;
        tensor.dtype = entry["dtype"].get<std::string>();
        const int item = dtype_bytes(tensor.dtype);
        if (item == 0) refuse(name, what + " has an unknown dtype " + quoted_name(tensor.dtype));
        tensor.shape = whole_numbers(entry["shape"], name, what + "'s shape");
        const std::vector<std::int64_t> offsets = whole_numbers(entry["data_offsets"], name, what + "'s data_offsets");
        if (offsets.size() != 2) refuse(name, what + "'s data_offsets is not [begin, end]");
        const auto begin = static_cast<std::uint64_t>(offsets[0]), end = static_cast<std::uint64_t>(offsets[1]);
        if (begin > end || end > data.size())
            refuse(name, what + "'s data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                             "] are not within the " + std::to_string(data.size()) + " data bytes");
        const auto count =
            element_count(tensor.shape, std::numeric_limits<std::uint64_t>::max() / static_cast<std::uint64_t>(item));
        if (!count || *count * static_cast<std::uint64_t>(item) != end - begin)
            refuse(name, what + " of shape " + shape_text(tensor.shape) + " and dtype " + tensor.dtype + " does not take the " +
                             std::to_string(end - begin) + " bytes its data_offsets give");
        tensor.data = data.subspan(begin, end - begin);
        const auto [it, added] = file.tensors.emplace(key, std::move(tensor));
        ranges.push_back({begin, end, &it->first});
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin || (a.begin == b.begin && a.end < b.end); });
    std::uint64_t covered = 0;
    for (const Range& r : ranges) {
        if (r.begin != covered)
            refuse(name, "tensor " + quoted_name(*r.tensor) + " starts at data byte " + std::to_string(r.begin) + ", not " +
                             std::to_string(covered) + " where the one before ends");
        covered = r.end;
    }
    if (covered != data.size())
        refuse(name, "the tensors end at data byte " + std::to_string(covered) + " of " + std::to_string(data.size()));
    return file;
}

LayerTensor safetensors_float_tensor(const SafetensorsTensor& tensor, const std::string& tensor_name, const std::string& file) {
    const FloatEncoding encoding = tensor.dtype == "F16"    ? FloatEncoding::binary16
                                   : tensor.dtype == "BF16" ? FloatEncoding::bfloat16
                                   : tensor.dtype == "F32"  ? FloatEncoding::binary32
                                                            : FloatEncoding::binary64;
    if (tensor.dtype != "F16" && tensor.dtype != "BF16" && tensor.dtype != "F32" && tensor.dtype != "F64")
        throw IoError(file, "tensor " + quoted_name(tensor_name) + " has dtype " + tensor.dtype + ", not F16, BF16, F32 or F64");
    const std::uint64_t count = tensor.data.size() / static_cast<std::uint64_t>(float_bytes(encoding));
    if (count > max_layer_weights)
        throw IoError(file, "tensor " + quoted_name(tensor_name) + " of shape " + shape_text(tensor.shape) + " holds more than " +
                                std::to_string(max_layer_weights) + " values");
    return LayerTensor{tensor.shape, decode_floats(tensor.data, encoding, false)};
}

}  // namespace tconv::io
