// JSON writing: the escaping rules and the object builder behind every --json line.
#include "cli/json_writer.hpp"

#include <cmath>

#include <fmt/format.h>

namespace tconv::cli {
namespace {

template <class Float>
std::string finite_or_null(Float value) {
    return std::isfinite(value) ? fmt::format("{}", value) : std::string("null");
}

}  // namespace

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
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

JsonObject& JsonObject::add_integer(std::string_view key, std::optional<std::int64_t> value) {
    return add_json(key, value ? std::to_string(*value) : "null");
}

JsonObject& JsonObject::add_number(std::string_view key, double value) { return add_json(key, json_number(value)); }

JsonObject& JsonObject::add_bool(std::string_view key, bool value) { return add_json(key, value ? "true" : "false"); }

JsonObject& JsonObject::add_null(std::string_view key) { return add_json(key, "null"); }

}  // namespace tconv::cli
