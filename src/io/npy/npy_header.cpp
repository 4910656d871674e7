// The .npy header: "\x93NUMPY", major and minor version bytes, a little-endian header length (2
// bytes in 1.0, 4 in 2.0 and 3.0), then that many bytes of ASCII (UTF-8 in 3.0) holding a dict
// literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }.
#include "io/npy/npy_header.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <string_view>

#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

/// A cursor over the dict literal that reports the first thing it cannot read.
class DictReader {
public:
    explicit DictReader(std::string_view text) : text_(text) {}

    void skip_space() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    bool eat(char c) {
        skip_space();
        if (at_ < text_.size() && text_[at_] == c) {
            ++at_;
            return true;
        }
        return false;
    }
    bool peek(char c) {
        skip_space();
        return at_ < text_.size() && text_[at_] == c;
    }
    std::optional<std::string> quoted() {
        skip_space();
        if (at_ >= text_.size() || (text_[at_] != '\'' && text_[at_] != '"')) return std::nullopt;
        const char quote = text_[at_++];
        const std::size_t end = text_.find(quote, at_);
        if (end == std::string_view::npos) return std::nullopt;
        std::string s(text_.substr(at_, end - at_));
        at_ = end + 1;
        return s;
    }
    std::optional<bool> boolean() {
        skip_space();
        for (const auto& [word, value] : {std::pair{std::string_view("True"), true}, std::pair{std::string_view("False"), false}})
            if (text_.substr(at_, word.size()) == word) {
                at_ += word.size();
                return value;
            }
        return std::nullopt;
    }
    std::optional<std::int64_t> integer() {
        skip_space();
        std::int64_t value = 0;
        const std::size_t start = at_;
        while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) {
            const int digit = text_[at_++] - '0';
            if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
            value = value * 10 + digit;
        }
        if (at_ < text_.size() && text_[at_] == 'L') ++at_;  // Python 2's long suffix, as NumPy reads it
        return at_ == start ? std::nullopt : std::optional(value);
    }
    bool at_end() {
        skip_space();
        return at_ == text_.size();
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

NpyParse fail(std::string reason) { return NpyParse{std::nullopt, std::move(reason)}; }

}  // namespace

bool is_npy(std::span<const std::uint8_t> bytes) {
    static constexpr std::uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    return bytes.size() >= 6 && std::equal(magic, magic + 6, bytes.begin());
}

NpyParse parse_npy_header(std::span<const std::uint8_t> bytes) {
    if (!is_npy(bytes)) return fail("not an .npy file (no \\x93NUMPY magic)");
    if (bytes.size() < 10) return fail(".npy header is truncated");
    const int major = bytes[6];
    if (major < 1 || major > 3) return fail(".npy format version " + std::to_string(major) + " is not 1, 2 or 3");
    std::size_t length = 0, start = 0;
    if (major == 1) {
        length = std::size_t{bytes[8]} | std::size_t{bytes[9]} << 8;
        start = 10;
    } else {
        if (bytes.size() < 12) return fail(".npy header is truncated");
        length = std::size_t{bytes[8]} | std::size_t{bytes[9]} << 8 | std::size_t{bytes[10]} << 16 | std::size_t{bytes[11]} << 24;
        start = 12;
    }
    if (length > bytes.size() - start) return fail(".npy header is truncated");
    DictReader in(std::string_view(reinterpret_cast<const char*>(bytes.data() + start), length));
    NpyHeader h;
    h.data_offset = start + length;
    bool have_descr = false, have_order = false, have_shape = false;
    if (!in.eat('{')) return fail(".npy header is not a dict");
    while (!in.eat('}')) {
        const auto key = in.quoted();
        if (!key || !in.eat(':')) return fail(".npy header dict is malformed");
        if (*key == "descr") {
            const auto descr = in.quoted();
            if (!descr || descr->size() < 3) return fail(".npy dtype is not a simple type such as '<f4'");
            const char order = (*descr)[0];
            h.kind = (*descr)[1];
            const std::string size = descr->substr(2);
            h.item_bytes = size == "1" ? 1 : size == "2" ? 2 : size == "4" ? 4 : size == "8" ? 8 : 0;
            const bool known = (h.kind == 'b' && h.item_bytes == 1) || ((h.kind == 'i' || h.kind == 'u') && h.item_bytes > 0) ||
                               (h.kind == 'f' && h.item_bytes >= 2);
            if (!known || (order != '<' && order != '>' && order != '|' && order != '='))
                return fail(".npy dtype " + quoted_name(*descr) + " is not one of b1, i1-i8, u1-u8, f2, f4, f8");
            h.big_endian = order == '>' && h.item_bytes > 1;
            have_descr = true;
        } else if (*key == "fortran_order") {
            const auto value = in.boolean();
            if (!value) return fail(".npy fortran_order is not True or False");
            h.fortran_order = *value;
            have_order = true;
        } else if (*key == "shape") {
            if (!in.eat('(')) return fail(".npy shape is not a tuple");
            h.shape.clear();
            while (!in.eat(')')) {
                const auto side = in.integer();
                if (!side) return fail(".npy shape holds something other than whole numbers");
                h.shape.push_back(*side);
                if (!in.eat(',') && !in.peek(')')) return fail(".npy shape tuple is malformed");
            }
            have_shape = true;
        } else {
            return fail(".npy header has an unknown key " + quoted_name(*key));
        }
        if (!in.eat(',') && !in.peek('}')) return fail(".npy header dict is malformed");
    }
    if (!in.at_end()) return fail(".npy header has bytes after its dict");
    if (!have_descr || !have_order || !have_shape) return fail(".npy header lacks descr, fortran_order or shape");
    h.count = 1;
    for (const std::int64_t side : h.shape) {
        if (side != 0 &&
            h.count > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / static_cast<std::uint64_t>(side))
            return fail(".npy shape has more elements than 2^63");
        h.count *= static_cast<std::uint64_t>(side);
    }
    if (h.count > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / static_cast<std::uint64_t>(h.item_bytes))
        return fail(".npy array is larger than 2^63 bytes");
    return NpyParse{h, {}};
}

}  // namespace tconv::io
