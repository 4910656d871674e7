// JSON writing: the escaping rules and the object builder behind every --json line.
#include "cli/report/json_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "io/utf8.hpp"

namespace tconv::cli {
namespace {

template <class Float>
std::string finite_or_null(Float value) {
    return std::isfinite(value) ? fmt::format("{}", value) : std::string("null");
}

}  // namespace

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = io::utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\\ufffd";  // JSON text is UTF-8: a byte that is not becomes U+FFFD
            ++i;
            continue;
        }
        if (n > 1) {
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        const char ch = s[i++];
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20)
                    out += fmt::format("\\u{:04x}", c);
                else
                    out += ch;
        }
    }
    return out + "\"";
}

std::string json_path(std::string_view path) {
    if (io::is_valid_utf8(path)) return json_string(path);
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string b64;
    for (std::size_t i = 0; i < path.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, path.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) v = v << 8 | (k < n ? static_cast<std::uint8_t>(path[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k) b64 += k <= n ? digits[v >> (18 - 6 * k) & 63] : '=';
    }
    return "{\"bytes\":\"" + b64 + "\"}";
}

std::string json_number(double value) { return finite_or_null(value); }
std::string json_number(float value) { return finite_or_null(value); }

JsonObject& JsonObject::add_json(std::string_view key, std::string_view json) {
    if (text_.size() > 1) text_ += ',';
    text_ += json_string(key);
    text_ += ':';
    text_ += json;
    return *this;
}

JsonObject& JsonObject::add_string(std::string_view key, std::string_view value) { return add_json(key, json_string(value)); }

JsonObject& JsonObject::add_path(std::string_view key, std::string_view path) { return add_json(key, json_path(path)); }

JsonObject& JsonObject::add_integer(std::string_view key, std::optional<std::int64_t> value) {
    return add_json(key, value ? std::to_string(*value) : "null");
}

JsonObject& JsonObject::add_number(std::string_view key, double value) { return add_json(key, json_number(value)); }

JsonObject& JsonObject::add_bool(std::string_view key, bool value) { return add_json(key, value ? "true" : "false"); }

JsonObject& JsonObject::add_null(std::string_view key) { return add_json(key, "null"); }

}  // namespace tconv::cli
