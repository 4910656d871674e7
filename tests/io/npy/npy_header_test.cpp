// io::parse_npy_header on headers as NumPy writes them and on broken ones, and io::decode_image on
// .npy arrays whose values are no samples.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "io/input/image_file.hpp"
#include "io/io_error.hpp"
#include "io/npy/npy_header.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

/// A version 1.0 file: magic, version, header length, `dict` padded with spaces and a newline to a
/// multiple of 64 (as NumPy pads it), then `data`.
Bytes npy(const std::string& dict, const std::string& data = {}) {
    std::string header = dict;
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string file = std::string("\x93NUMPY\x01\x00", 8);
    file += static_cast<char>(header.size() & 255);
    file += static_cast<char>(header.size() >> 8);
    file += header + data;
    return Bytes(file.begin(), file.end());
}

std::string error_of(const Bytes& bytes) { return tconv::io::parse_npy_header(bytes).error; }

std::string decode_error(const Bytes& bytes) {
    try {
        tconv::io::decode_image(bytes, "in.npy", {});
    } catch (const tconv::io::IoError& e) {
        return e.what();
    }
    return "(decoded)";
}

}  // namespace

TEST_CASE("parse_npy_header reads the dict as NumPy writes it", "[io][npy]") {
    const auto parsed = tconv::io::parse_npy_header(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4, 2), }"));
    REQUIRE(parsed.header);
    CHECK(parsed.header->kind == 'f');
    CHECK(parsed.header->item_bytes == 4);
    CHECK_FALSE(parsed.header->big_endian);
    CHECK_FALSE(parsed.header->fortran_order);
    CHECK(parsed.header->shape == std::vector<std::int64_t>{3, 4, 2});
    CHECK(parsed.header->count == 24u);
    CHECK(parsed.header->data_offset == 128u);
    // Keys in another order, double quotes, no trailing comma, a one-element tuple, a 0-d array.
    const auto other = tconv::io::parse_npy_header(npy("{\"shape\": (5,), \"fortran_order\": True, \"descr\": \">u2\"}"));
    REQUIRE(other.header);
    CHECK(other.header->big_endian);
    CHECK(other.header->fortran_order);
    CHECK(other.header->shape == std::vector<std::int64_t>{5});
    const auto scalar = tconv::io::parse_npy_header(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (), }"));
    REQUIRE(scalar.header);
    CHECK(scalar.header->count == 1u);
}

TEST_CASE("parse_npy_header refuses what is no .npy header", "[io][npy]") {
    CHECK(error_of(Bytes{'P', '5'}) == "not an .npy file (no \\x93NUMPY magic)");
    CHECK(error_of(Bytes{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 200, 0}) == ".npy header is truncated");
    CHECK(error_of(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }")) ==
          ".npy dtype '<c8' is not one of b1, i1-i8, u1-u8, f2, f4, f8");
    CHECK(error_of(npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }")) ==
          ".npy dtype is not a simple type such as '<f4'");
    CHECK(error_of(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }")) ==
          ".npy shape holds something other than whole numbers");
    CHECK(error_of(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999), }")) ==
          ".npy shape has more elements than 2^63");
    CHECK(error_of(npy("{'descr': '<f4', 'shape': (2,), }")) == ".npy header lacks descr, fortran_order or shape");
    CHECK(error_of(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}")) ==
          ".npy header has an unknown key 'x'");
    CHECK(error_of(npy("{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}")) == ".npy header dict is malformed");
}

TEST_CASE("parse_npy_header quotes the descr and keys it read from the file", "[io][npy]") {
    // A terminal would act on these escapes (clear the screen, set the window title) if they were printed raw.
    CHECK(error_of(npy("{'descr': '<f4\x1b[2J', 'fortran_order': False, 'shape': (2,), }")) ==
          ".npy dtype $'<f4\\e[2J' is not one of b1, i1-i8, u1-u8, f2, f4, f8");
    CHECK(error_of(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x\n\x1b]0;pwned\x07': 1}")) ==
          ".npy header has an unknown key $'x\\n\\e]0;pwned\\x07'");
}

TEST_CASE("decode_image refuses .npy arrays that hold no samples", "[io][npy]") {
    const std::string u1 = "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2), }";
    CHECK(decode_error(npy(u1, "\x01\x02")) == "(decoded)");
    CHECK(decode_error(npy(u1, "\x01")) == "cannot decode image (the file is truncated)");
    CHECK(decode_error(npy(u1, "\x01\x02\x03")) == "cannot decode image (bytes after the .npy array)");
    CHECK(decode_error(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 2), }", std::string("\x05\x00\x00\x01", 4))) ==
          "cannot decode image (.npy value 256 at (0, 1, 0) is outside 0..255)");
    CHECK(decode_error(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 1), }", std::string("\xFF\xFF", 2))) ==
          "cannot decode image (.npy value -1 at (0, 0, 0) is outside 0..255)");
    CHECK(decode_error(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", std::string("\x00\x00\xC0\x7F", 4))) ==
          "cannot decode image (.npy value nan at (0, 0, 0) is outside 0..255)");
    CHECK(decode_error(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (1, 1), }", "\x01")) ==
          "not a readable image (.npy array of bools is not an image)");
    CHECK(decode_error(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1, 5), }", "12345")) ==
          "not a readable image (.npy shape is not (H, W) or (H, W, C) with C from 1 to 4)");
    CHECK(decode_error(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (0, 3), }")) == "image has no pixels");
}
