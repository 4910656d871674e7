// io::load_layer_file on the fixtures of tests/reference/make_layer_files.py (NumPy, PyTorch and
// onnx wrote them; expected.json holds what they contain), on broken files with the one-line reason
// each gets, and save_layer_safetensors read back.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>
#include <vector>

#include "io/file_fixture.hpp"
#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;
using tconv::io::LayerFormat;

const std::string fixtures = std::string(TCONV_TEST_DATA) + "/fixtures/layers/";

using tconv::test::file_bytes;

nlohmann::json expected_cases() {
    std::ifstream in(fixtures + "expected.json");
    REQUIRE(in);
    return nlohmann::json::parse(in)["files"];
}

/// The reason decode_layer_file gives for `bytes`, or "(loaded)".
std::string error_of(LayerFormat format, const Bytes& bytes, const std::string& selector = "", const Bytes* bias = nullptr,
                     int groups = 0) {
    try {
        tconv::io::decode_layer_file(format, bytes, "f", selector,
                                     bias ? std::optional<std::span<const std::uint8_t>>(*bias) : std::nullopt, "b.npy", groups);
    } catch (const tconv::io::IoError& e) {
        return e.file() + ": " + e.what();
    }
    return "(loaded)";
}

/// A version 1.0 .npy file: the header dict padded to 64 bytes, then `data`.
Bytes npy(const std::string& dict, const Bytes& data) {
    std::string header = dict;
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string file = std::string("\x93NUMPY\x01\x00", 8);
    file += static_cast<char>(header.size() & 255);
    file += static_cast<char>(header.size() >> 8);
    file += header;
    file.append(data.begin(), data.end());
    return Bytes(file.begin(), file.end());
}

/// `n` little-endian float32 values 1, 2, 3, ...
Bytes f32_counting(int n) {
    Bytes out;
    for (int i = 1; i <= n; ++i) {
        const float f = static_cast<float>(i);
        std::uint32_t bits = 0;
        std::memcpy(&bits, &f, 4);
        for (int b = 0; b < 4; ++b) out.push_back(static_cast<std::uint8_t>(bits >> (8 * b)));
    }
    return out;
}

/// `values` as little-endian float64, or as the 16-bit patterns `bits` for F16 and BF16.
Bytes f64_bytes(std::initializer_list<double> values) {
    Bytes out;
    for (const double v : values) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, 8);
        for (int b = 0; b < 8; ++b) out.push_back(static_cast<std::uint8_t>(bits >> (8 * b)));
    }
    return out;
}
Bytes u16_bytes(std::initializer_list<std::uint16_t> bits) {
    Bytes out;
    for (const std::uint16_t v : bits) out.insert(out.end(), {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)});
    return out;
}

/// A .safetensors file: the length prefix, `header` as given, then `data`.
Bytes safetensors(const std::string& header, const Bytes& data) {
    Bytes file;
    for (int b = 0; b < 8; ++b) file.push_back(static_cast<std::uint8_t>(std::uint64_t{header.size()} >> (8 * b)));
    file.insert(file.end(), header.begin(), header.end());
    file.insert(file.end(), data.begin(), data.end());
    return file;
}

/// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tconv-layer-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    fs::path path_;
};

void touch(const std::string& path) { std::ofstream(path) << "x"; }

}  // namespace

TEST_CASE("load_layer_file reads every fixture as NumPy and PyTorch recorded it", "[io][layer]") {
    const nlohmann::json cases = expected_cases();
    REQUIRE(cases.size() >= 23);
    for (const auto& [key, c] : cases.items()) {
        CAPTURE(key);
        const std::string file = c["file"].get<std::string>();
        const bool npy_file = file.ends_with(".npy");
        const std::string bias = c.contains("bias_file") ? fixtures + c["bias_file"].get<std::string>() : "";
        const std::string selector = c["selector"].get<std::string>();
        // .npy has no groups of its own: --groups says it; the other formats carry theirs.
        const int groups = npy_file ? c["groups"].get<int>() : 0;
        const tconv::io::LayerFile loaded =
            tconv::io::load_layer_file(fixtures + file + (selector.empty() ? "" : ":" + selector), bias, groups);
        const tconv::core::ConvLayer& layer = loaded.layer;
        CHECK(layer.in_channels == c["in_channels"].get<int>());
        CHECK(layer.out_channels == c["out_channels"].get<int>());
        CHECK(layer.groups == c["groups"].get<int>());
        CHECK(layer.kernel.h == c["kernel"][0].get<std::int64_t>());
        CHECK(layer.kernel.w == c["kernel"][1].get<std::int64_t>());
        // Every stored float converts to double exactly, so the values are equal, not close.
        CHECK(layer.weight == c["weight"].get<std::vector<double>>());
        if (c["bias"].is_null())
            CHECK(layer.bias.empty());
        else
            CHECK(layer.bias == c["bias"].get<std::vector<double>>());
        if (!c.contains("onnx")) {
            CHECK_FALSE(loaded.onnx.has_value());
            continue;
        }
        REQUIRE(loaded.onnx.has_value());
        const tconv::io::OnnxGeometry& g = *loaded.onnx;
        const nlohmann::json& attributes = c["onnx"];
        const auto same = [&](const char* attribute, const std::optional<std::vector<std::int64_t>>& got) {
            CAPTURE(attribute);
            if (!attributes.contains(attribute)) {
                CHECK_FALSE(got.has_value());
                return;
            }
            REQUIRE(got.has_value());
            CHECK(*got == attributes[attribute].get<std::vector<std::int64_t>>());
        };
        same("kernel_shape", g.kernel_shape);
        same("strides", g.strides);
        same("pads", g.pads);
        same("dilations", g.dilations);
        same("output_padding", g.output_padding);
        same("output_shape", g.output_shape);
        CHECK(g.group == (attributes.contains("group") ? std::optional<std::int64_t>(attributes["group"].get<std::int64_t>())
                                                       : std::nullopt));
        CHECK(g.auto_pad == (attributes.contains("auto_pad")
                                 ? std::optional<std::string>(attributes["auto_pad"].get<std::string>())
                                 : std::nullopt));
    }
}

TEST_CASE("load_layer_file describes what it read", "[io][layer]") {
    const auto model = tconv::io::load_layer_file(fixtures + "model.safetensors:decoder.up.0", "", 0);
    CHECK(model.description == "decoder.up.0 in " + fixtures + "model.safetensors: 4 -> 3, 4x4, groups 1, bias");
    const auto npy_file = tconv::io::load_layer_file(fixtures + "w_3to2_k2x3.npy", fixtures + "b_2.npy", 0);
    CHECK(npy_file.description == fixtures + "w_3to2_k2x3.npy with bias " + fixtures + "b_2.npy: 3 -> 2, 2x3, groups 1, bias");
    const auto grouped = tconv::io::load_layer_file(fixtures + "w_4to6_g2_f16.npy", "", 2);
    CHECK(grouped.description == fixtures + "w_4to6_g2_f16.npy: 4 -> 6, 3x3, groups 2, no bias");
    // The weight's first element, (ci 0, co 0, r 0, c 0), and ConvLayer::at over the layout.
    CHECK(model.layer.at(0, 0, 0, 0) == model.layer.weight[0]);
    CHECK(model.layer.at(3, 2, 3, 3) == model.layer.weight.back());
}

TEST_CASE("split_layer_spec takes the longest existing file before a colon", "[io][layer]") {
    TempDir dir;
    touch(dir / "m.safetensors");
    touch(dir / "odd:name.safetensors");
    touch(dir / "odd");
    using tconv::io::split_layer_spec;
    CHECK(split_layer_spec(dir / "m.safetensors").path == dir / "m.safetensors");
    CHECK(split_layer_spec(dir / "m.safetensors").selector.empty());
    const auto prefixed = split_layer_spec(dir / "m.safetensors:decoder.up.0");
    CHECK(prefixed.path == dir / "m.safetensors");
    CHECK(prefixed.selector == "decoder.up.0");
    // A selector may hold ':' too (ONNX node names do): the file is the longest existing prefix.
    const auto colons = split_layer_spec(dir / "m.safetensors:a:b");
    CHECK(colons.path == dir / "m.safetensors");
    CHECK(colons.selector == "a:b");
    CHECK(split_layer_spec(dir / "odd:name.safetensors").path == dir / "odd:name.safetensors");
    const auto odd = split_layer_spec(dir / "odd:name.safetensors:up");
    CHECK(odd.path == dir / "odd:name.safetensors");
    CHECK(odd.selector == "up");
    // Nothing exists: the prefix with a layer extension, so the error names that file.
    const auto missing = split_layer_spec(dir / "gone.safetensors:up");
    CHECK(missing.path == dir / "gone.safetensors");
    CHECK(missing.selector == "up");
    CHECK(split_layer_spec("plain:text").path == "plain:text");
}

TEST_CASE("load_layer_file names the file it cannot use", "[io][layer]") {
    TempDir dir;
    const auto reason = [](const std::string& spec, const std::string& bias = "") {
        try {
            tconv::io::load_layer_file(spec, bias, 0);
        } catch (const tconv::io::IoError& e) {
            return e.file() + ": " + e.what();
        }
        return std::string("(loaded)");
    };
    CHECK(reason(dir / "gone.safetensors:up") == dir / "gone.safetensors" + ": No such file or directory");
    touch(dir / "kernel.txt");
    CHECK(reason(dir / "kernel.txt") ==
          dir / "kernel.txt" + ": not a layer file (the name does not end in .npy, .safetensors, .onnx, .keras, .h5 or .json)");
    CHECK(reason(fixtures + "w_1to3_be.npy", dir / "nobias.npy") == dir / "nobias.npy" + ": No such file or directory");
    // The extension decides, in any case.
    fs::copy_file(fixtures + "w_1to3_be.npy", dir / "UPPER.NPY");
    CHECK(reason(dir / "UPPER.NPY") == "(loaded)");
}

TEST_CASE("a .npy weight that is no layer is refused with its reason", "[io][layer]") {
    const std::string f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 1, 2), }";
    const Bytes good = npy(f4, f32_counting(4));
    CHECK(error_of(LayerFormat::npy, good) == "(loaded)");
    Bytes truncated = good;
    truncated.pop_back();
    CHECK(error_of(LayerFormat::npy, truncated) == "f: .npy file is truncated (15 of 16 data bytes)");
    Bytes longer = good;
    longer.push_back(0);
    CHECK(error_of(LayerFormat::npy, longer) == "f: .npy file has 1 bytes after its array");
    CHECK(error_of(LayerFormat::npy, npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 1, 1, 2), }", f32_counting(4))) ==
          "f: .npy dtype i4 is not float16, float32 or float64");
    CHECK(error_of(LayerFormat::npy, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", f32_counting(4))) ==
          "f: the weight has shape (2, 2), not (C_in, C_out/groups, kH, kW)");
    CHECK(error_of(LayerFormat::npy, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1, 1, 2), }", {})) ==
          "f: the weight has shape (0, 1, 1, 2), with a side of 0");
    CHECK(error_of(LayerFormat::npy, good, "", nullptr, 3) == "f: the weight's 2 input channels are not a multiple of groups 3");
    CHECK(error_of(LayerFormat::npy, good, "up") == "f: a .npy file holds one tensor; there is no 'up' to select in it");
    CHECK(error_of(LayerFormat::npy, Bytes{'P', 'K', 3, 4}).starts_with("f: not a readable .npy file ("));
    // A header claiming 2^34 values is refused before anything of that size is allocated.
    CHECK(error_of(LayerFormat::npy, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536, 2, 2), }", {})) ==
          "f: .npy shape (65536, 65536, 2, 2) holds more than 67108864 values");
    Bytes nan = f32_counting(4);
    nan[7] = 0x7f, nan[6] = 0xc0, nan[5] = 0, nan[4] = 0;
    CHECK(error_of(LayerFormat::npy, npy(f4, nan)) == "f: the weight's element 1 is nan");
}

TEST_CASE("a --bias .npy must hold C_out values", "[io][layer]") {
    const Bytes weight = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 1, 2), }", f32_counting(4));
    const Bytes bias2 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", f32_counting(2));
    const Bytes bias1 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", f32_counting(1));
    const Bytes bias_2d = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", f32_counting(1));
    // groups 2: C_out = 1 * 2.
    CHECK(error_of(LayerFormat::npy, weight, "", &bias2, 2) == "(loaded)");
    CHECK(error_of(LayerFormat::npy, weight, "", &bias2, 1) ==
          "b.npy: the bias has shape (2,), not (1,) for the weight's 1 output channels");
    // Without groups given, a bias that fits the weight under other groups names them (not when given).
    CHECK(error_of(LayerFormat::npy, weight, "", &bias2, 0) ==
          "b.npy: the bias has shape (2,), not (1,) for the weight's 1 output channels; with groups 2 the weight "
          "(2, 1, 1, 2) has 2 output channels: give --groups 2");
    CHECK(error_of(LayerFormat::npy, weight, "", &bias1, 1) == "(loaded)");
    CHECK(error_of(LayerFormat::npy, weight, "", &bias_2d, 0) ==
          "b.npy: the bias has shape (1, 1), not (1,) for the weight's 1 output channels");
    CHECK(error_of(LayerFormat::npy, weight, "", &bias_2d, 1) ==
          "b.npy: the bias has shape (1, 1), not (1,) for the weight's 1 output channels");
    const Bytes empty;
    CHECK(error_of(LayerFormat::npy, weight, "", &empty, 1).starts_with("b.npy: not a readable .npy file ("));
}

TEST_CASE("a broken .safetensors file is refused with its reason", "[io][layer]") {
    const std::string weight = R"("weight":{"dtype":"F32","shape":[2,1,1,2],"data_offsets":[0,16]})";
    const Bytes data = f32_counting(4);
    CHECK(error_of(LayerFormat::safetensors, safetensors("{" + weight + "}", data)) == "(loaded)");
    const std::string prefix = "f: not a readable .safetensors file (";
    CHECK(error_of(LayerFormat::safetensors, Bytes{1, 2, 3}) == prefix + "shorter than its 8-byte header length)");
    Bytes truncated = safetensors("{" + weight + "}", data);
    truncated.resize(40);
    CHECK(error_of(LayerFormat::safetensors, truncated) == prefix + "header length 66 is more than the 32 bytes after it)");
    Bytes huge_header(16, 0);
    huge_header[4] = 1;  // 2^32
    CHECK(error_of(LayerFormat::safetensors, huge_header) == prefix + "header length 4294967296 is over the limit of 4194304)");
    CHECK(error_of(LayerFormat::safetensors, safetensors("{" + weight, data)) == prefix + "the header is not valid JSON)");
    CHECK(error_of(LayerFormat::safetensors, safetensors("[1]", {})) == prefix + "the header is not a JSON object)");
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":[2,1,1,2],"data_offsets":[0,20]}})", data)) ==
          prefix + "tensor 'weight''s data_offsets [0, 20] are not within the 16 data bytes)");
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":[2,1,1,1],"data_offsets":[0,16]}})", data)) ==
          prefix + "tensor 'weight' of shape (2, 1, 1, 1) and dtype F32 does not take the 16 bytes its data_offsets give)");
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":[2,1,1,1],"data_offsets":[8,16]}})", data)) ==
          prefix + "tensor 'weight' starts at data byte 8, not 0 where the one before ends)");
    CHECK(error_of(LayerFormat::safetensors, safetensors(R"({"weight":{"dtype":"F32","shape":[2,1,1,1],"data_offsets":[0,8]}})",
                                                         data)) == prefix + "the tensors end at data byte 8 of 16)");
    // Overlapping tensors are refused as the reference implementation refuses them.
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors("{" + weight + R"(,"x":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})", data)) ==
          prefix + "tensor 'x' starts at data byte 8, not 16 where the one before ends)");
    CHECK(error_of(LayerFormat::safetensors, safetensors(R"({"weight":{"dtype":"Q4","shape":[16],"data_offsets":[0,16]}})",
                                                         data)) == prefix + "tensor 'weight' has an unknown dtype 'Q4')");
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":[-2,1,1,2],"data_offsets":[0,16]}})", data)) ==
          prefix + "tensor 'weight''s shape holds -2, not a whole number)");
    CHECK(error_of(LayerFormat::safetensors, safetensors(R"({"weight":{"dtype":"F32","shape":[2,1,1,2]}})", data)) ==
          prefix + "tensor 'weight' lacks dtype, shape or data_offsets)");
    // Sides whose product overflows 64 bits are refused by the byte count, before any allocation.
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":[4294967296,4294967296,4,1],"data_offsets":[0,16]}})",
                               data)) == prefix +
                                             "tensor 'weight' of shape (4294967296, 4294967296, 4, 1) and dtype F32 does not "
                                             "take the 16 bytes its data_offsets give)");
    CHECK(error_of(LayerFormat::safetensors, safetensors(R"({"weight":{"dtype":"I32","shape":[2,1,1,2],"data_offsets":[0,16]}})",
                                                         data)) == "f: tensor 'weight' has dtype I32, not F16, BF16, F32 or F64");
}

TEST_CASE("a .safetensors header is JSON from its first byte, padded with spaces only", "[io][layer]") {
    const std::string header = R"({"weight":{"dtype":"F32","shape":[2,1,1,2],"data_offsets":[0,16]}})";
    const Bytes data = f32_counting(4);
    const std::string prefix = "f: not a readable .safetensors file (";
    CHECK(error_of(LayerFormat::safetensors, safetensors(header + "     ", data)) == "(loaded)");
    // nlohmann-json stops at a NUL and skips other whitespace; the format allows neither.
    const std::string trailing = prefix + "the header has bytes after its JSON other than the spaces that may pad it)";
    CHECK(error_of(LayerFormat::safetensors, safetensors(header + std::string("\0garbage", 8), data)) == trailing);
    CHECK(error_of(LayerFormat::safetensors, safetensors(header + std::string("\0}", 2), data)) == trailing);
    CHECK(error_of(LayerFormat::safetensors, safetensors(header + "\n", data)) == trailing);
    CHECK(error_of(LayerFormat::safetensors, safetensors(header + " \t ", data)) == trailing);
    CHECK(error_of(LayerFormat::safetensors, safetensors(" " + header, data)) == prefix + "the header does not begin with '{')");
    CHECK(error_of(LayerFormat::safetensors, safetensors("\xEF\xBB\xBF" + header, data)) ==
          prefix + "the header does not begin with '{')");
}

TEST_CASE("names from inside a .safetensors file are quoted in its errors and description", "[io][layer]") {
    // Printed raw, these would break the error line and set the terminal's window title.
    const std::string evil = "w\n\x1b]0;pwned\x07";
    const std::string evil_json = R"(w\n\u001b]0;pwned\u0007)";
    const std::string evil_quoted = R"($'w\n\e]0;pwned\x07)";
    const std::string prefix = "f: not a readable .safetensors file (";
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({")" + evil_json + R"(":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}})", f32_counting(1))) ==
          prefix + "tensor " + evil_quoted + "' has an unknown dtype 'Q4')");
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32\u001b[2J","shape":[1],"data_offsets":[0,4]}})", f32_counting(1))) ==
          prefix + R"(tensor 'weight' has an unknown dtype $'F32\e[2J'))");
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x\n":1}})", f32_counting(1))) ==
          prefix + R"(tensor 'weight' has an unknown field $'x\n'))");
    CHECK(error_of(LayerFormat::safetensors, safetensors(R"({"__metadata__":{"k\r":1}})", {})) ==
          prefix + R"(__metadata__ $'k\r' is not a string))");
    // A JSON value that is no number is named by its type, not printed.
    CHECK(error_of(LayerFormat::safetensors,
                   safetensors(R"({"weight":{"dtype":"F32","shape":["\u001b[2J"],"data_offsets":[0,4]}})", f32_counting(1))) ==
          prefix + "tensor 'weight''s shape holds a JSON string, not a whole number)");
    // The one 4-D weight, named in the hint, and the spec that would select it.
    const std::string one_weight = R"({")" + evil_json + R"(.weight":{"dtype":"F32","shape":[1,1,1,1],"data_offsets":[0,4]}})";
    CHECK(error_of(LayerFormat::safetensors, safetensors(one_weight, f32_counting(1))) ==
          "f: no tensor 'weight'; the one 4-D weight is " + evil_quoted + ".weight': select it as $'f:w\\n\\e]0;pwned\\x07'");
    CHECK(error_of(LayerFormat::safetensors, safetensors(one_weight, f32_counting(1)), "up") ==
          "f: no tensor 'up.weight' (4-D weights: " + evil_quoted + ".weight')");
    const std::string groups = R"({"__metadata__":{"groups":"2\u001b[2J"},"weight":{"dtype":"F32","shape":[1,1,1,1],)"
                               R"("data_offsets":[0,4]}})";
    CHECK(error_of(LayerFormat::safetensors, safetensors(groups, f32_counting(1))) ==
          R"(f: __metadata__ groups $'2\e[2J' is not a whole number of at least 1)");
    const std::string i32 = R"({")" + evil_json + R"(.weight":{"dtype":"I32","shape":[1,1,1,1],"data_offsets":[0,4]}})";
    CHECK(error_of(LayerFormat::safetensors, safetensors(i32, f32_counting(1)), evil) ==
          "f: tensor " + evil_quoted + ".weight' has dtype I32, not F16, BF16, F32 or F64");
    // The prefix the user gave, as the file name, is quoted in the description the strategy line prints.
    const auto loaded = tconv::io::decode_layer_file(LayerFormat::safetensors, safetensors(one_weight, f32_counting(1)),
                                                     "f\n.safetensors", evil, std::nullopt, "", 0);
    CHECK(loaded.description == evil_quoted + "' in $'f\\n.safetensors': 1 -> 1, 1x1, groups 1, no bias");
    CHECK(error_of(LayerFormat::npy, Bytes{}, evil) ==
          "f: a .npy file holds one tensor; there is no " + evil_quoted + "' to select in it");
}

TEST_CASE("a weight or bias that float32 cannot hold is refused, whatever its dtype", "[io][layer]") {
    const auto layer = [](const std::string& dtype, int bytes, const Bytes& data) {
        const std::string end = std::to_string(2 * bytes);
        return safetensors(R"({"weight":{"dtype":")" + dtype + R"(","shape":[1,1,1,2],"data_offsets":[0,)" + end + "]}}", data);
    };
    // F64 values are exact doubles; beyond +-FLT_MAX (3.4028234663852886e+38) float32 would make them inf.
    constexpr double flt_max = 3.4028234663852886e+38;
    CHECK(error_of(LayerFormat::safetensors, layer("F64", 8, f64_bytes({1, flt_max}))) == "(loaded)");
    CHECK(error_of(LayerFormat::safetensors, layer("F64", 8, f64_bytes({-flt_max, 1}))) == "(loaded)");
    CHECK(error_of(LayerFormat::safetensors, layer("F64", 8, f64_bytes({1, 1e300}))) ==
          "f: the weight's element 1 is 1e+300, beyond float32's range");
    CHECK(error_of(LayerFormat::safetensors, layer("F64", 8, f64_bytes({-3.4028234663852889e+38, 1}))) ==
          "f: the weight's element 0 is -3.402823466385289e+38, beyond float32's range");
    CHECK(error_of(LayerFormat::safetensors, layer("F64", 8, f64_bytes({1, std::numeric_limits<double>::infinity()}))) ==
          "f: the weight's element 1 is inf");
    // 16-bit floats: their infinities are refused as float32's are; their largest finite values fit.
    CHECK(error_of(LayerFormat::safetensors, layer("BF16", 2, u16_bytes({0x3f80, 0x7f80}))) ==
          "f: the weight's element 1 is inf");
    CHECK(error_of(LayerFormat::safetensors, layer("BF16", 2, u16_bytes({0x7f7f, 0xff7f}))) == "(loaded)");
    CHECK(error_of(LayerFormat::safetensors, layer("F16", 2, u16_bytes({0xfc00, 0x3c00}))) ==
          "f: the weight's element 0 is -inf");
    CHECK(error_of(LayerFormat::safetensors, layer("F16", 2, u16_bytes({0x7bff, 0xfbff}))) == "(loaded)");
    // The file's own F64 bias, and a float64 .npy weight or --bias, by the same rule.
    const std::string with_bias = R"({"bias":{"dtype":"F64","shape":[1],"data_offsets":[16,24]},)"
                                  R"("weight":{"dtype":"F64","shape":[1,1,1,2],"data_offsets":[0,16]}})";
    CHECK(error_of(LayerFormat::safetensors, safetensors(with_bias, f64_bytes({1, 2, -1e39}))) ==
          "f: the bias's element 0 is -1e+39, beyond float32's range");
    const std::string f8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 2), }";
    CHECK(error_of(LayerFormat::npy, npy(f8, f64_bytes({1e300, 1}))) ==
          "f: the weight's element 0 is 1e+300, beyond float32's range");
    const Bytes bias = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", f64_bytes({1e39}));
    CHECK(error_of(LayerFormat::npy, npy(f8, f64_bytes({1, 1})), "", &bias) ==
          "b.npy: the bias's element 0 is 1e+39, beyond float32's range");
}

TEST_CASE("safetensors names the tensors a missing prefix could mean", "[io][layer]") {
    const auto reason = [](const std::string& spec) {
        try {
            tconv::io::load_layer_file(fixtures + spec, "", 0);
        } catch (const tconv::io::IoError& e) {
            return std::string(e.what());
        }
        return std::string("(loaded)");
    };
    CHECK(std::string(reason("one_prefixed.safetensors")) ==
          "no tensor 'weight'; the one 4-D weight is 'up.weight': select it as " + fixtures + "one_prefixed.safetensors:up");
    CHECK(std::string(reason("model.safetensors")) ==
          "no tensor 'weight' (4-D weights: 'decoder.up.0.weight', 'decoder.up.3.weight', 'head.weight')");
    CHECK(std::string(reason("model.safetensors:decoder.up")) ==
          "no tensor 'decoder.up.weight' (4-D weights: 'decoder.up.0.weight', 'decoder.up.3.weight', 'head.weight')");
    CHECK(std::string(reason("model.safetensors:decoder.up.1")) == "the weight has shape (3,), not (C_in, C_out/groups, kH, kW)");
    CHECK(std::string(reason("plain_3to3_k4.safetensors:x")) == "no tensor 'x.weight' (no 4-D tensor is named *.weight)");
}

TEST_CASE("safetensors biases and groups: one bias and one group count", "[io][layer]") {
    const Bytes bias3 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", f32_counting(3));
    const Bytes plain = file_bytes(fixtures + "plain_3to3_k4.safetensors");
    CHECK(error_of(LayerFormat::safetensors, plain, "", &bias3) == "b.npy: the layer file f holds a bias already");
    const Bytes bare = file_bytes(fixtures + "model.safetensors");
    CHECK(error_of(LayerFormat::safetensors, bare, "decoder.up.3", &bias3) == "(loaded)");
    const Bytes grouped = file_bytes(fixtures + "bf16_g2.safetensors");
    CHECK(error_of(LayerFormat::safetensors, grouped, "", nullptr, 2) == "(loaded)");
    CHECK(error_of(LayerFormat::safetensors, grouped, "", nullptr, 1) ==
          "f: groups 1 contradicts the file's __metadata__ groups 2");
    // The file's own bias of the wrong length names the file.
    const std::string header = R"({"bias":{"dtype":"F32","shape":[3],"data_offsets":[16,28]},)"
                               R"("weight":{"dtype":"F32","shape":[2,1,1,2],"data_offsets":[0,16]}})";
    CHECK(error_of(LayerFormat::safetensors, safetensors(header, f32_counting(7))) ==
          "f: the bias has shape (3,), not (1,) for the weight's 1 output channels");
}

TEST_CASE("save_layer_safetensors writes what load_layer_file reads back", "[io][layer]") {
    TempDir dir;
    tconv::core::ConvLayer layer;
    layer.in_channels = 2;
    layer.out_channels = 4;
    layer.groups = 2;
    layer.kernel = {1, 3};
    layer.weight = {0.1, -0.2, 0.3, 1.0 / 3, 5, 6, -7, 8, 9, 10, 11, 1e-3};
    layer.bias = {0.5, -0.25, 2.0 / 3, 0};
    tconv::io::save_layer_safetensors(dir / "fit.safetensors", layer);
    const auto back = tconv::io::load_layer_file(dir / "fit.safetensors", "", 0).layer;
    CHECK(back.in_channels == 2);
    CHECK(back.out_channels == 4);
    CHECK(back.groups == 2);
    CHECK(back.kernel == tconv::core::Extent2{1, 3});
    REQUIRE(back.weight.size() == layer.weight.size());
    for (std::size_t i = 0; i < layer.weight.size(); ++i)
        CHECK(back.weight[i] == static_cast<double>(static_cast<float>(layer.weight[i])));
    REQUIRE(back.bias.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) CHECK(back.bias[i] == static_cast<double>(static_cast<float>(layer.bias[i])));
    // The header is padded to 8 bytes and names F32 tensors as PyTorch's state_dict would.
    const Bytes bytes = file_bytes(dir / "fit.safetensors");
    std::uint64_t length = 0;
    for (int b = 0; b < 8; ++b) length |= std::uint64_t{bytes[b]} << (8 * b);
    CHECK(length % 8 == 0);
    CHECK(bytes.size() == 8 + length + 4 * 16);
    const auto header = nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + 8 + static_cast<std::ptrdiff_t>(length));
    CHECK(header["weight"]["dtype"] == "F32");
    CHECK(header["weight"]["shape"] == nlohmann::json::array({2, 2, 1, 3}));
    CHECK(header["bias"]["shape"] == nlohmann::json::array({4}));
    CHECK(header["__metadata__"]["groups"] == "2");
    // No bias, groups 1: no bias tensor, no groups entry.
    layer.bias.clear();
    layer.groups = 1;
    layer.in_channels = 4;
    layer.out_channels = 1;
    tconv::io::save_layer_safetensors(dir / "bare.safetensors", layer);
    const auto bare = tconv::io::load_layer_file(dir / "bare.safetensors", "", 0).layer;
    CHECK(bare.bias.empty());
    CHECK(bare.groups == 1);
    CHECK(bare.out_channels == 1);
}
