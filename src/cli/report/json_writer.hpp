// JSON text for the --json reports: string literals, numbers, arrays, and objects written field by
// field in the order given, so every report is built the same way.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tconv::cli {

/// A JSON string literal for `s` (quotes included), escaping as RFC 8259 requires: '"', '\\', and
/// every control character below 0x20 (\n, \r, \t by name, the others as \u00XX). Valid UTF-8 is
/// copied; each byte that is not becomes \ufffd, so the line is always valid UTF-8.
std::string json_string(std::string_view s);

/// A file name: json_string(path) when it is valid UTF-8; else, since Unix names are bytes and no
/// JSON string can hold them, {"bytes":"BASE64"} with the name's bytes in standard base64 (the
/// form ripgrep's --json uses).
std::string json_path(std::string_view path);

/// The shortest decimal text that reads back as `value` in its own precision (fmt's "{}", so a
/// float's 0.1 is "0.1"); null when it is not finite, which JSON cannot write.
std::string json_number(double value);
std::string json_number(float value);

/// "[a,b,...]": `to_json(item)` for each item of `items`, each already JSON text.
template <class Range, class ToJson>
std::string json_array(const Range& items, ToJson to_json) {
    std::string text = "[";
    for (const auto& item : items) {
        if (text.size() > 1) text += ',';
        text += to_json(item);
    }
    return text + "]";
}

/// "[f(0),f(1),...,f(n-1)]": `to_json(i)` for i in 0..n-1, each already JSON text.
template <class ToJson>
std::string json_array_of(std::int64_t n, ToJson to_json) {
    std::string text = "[";
    for (std::int64_t i = 0; i < n; ++i) {
        if (i > 0) text += ',';
        text += to_json(i);
    }
    return text + "]";
}

/// One JSON object, its fields in the order they are added: {"input":"a.png","ok":true}. Keys are
/// escaped like values; nothing checks that a key is not repeated.
class JsonObject {
public:
    JsonObject& add_string(std::string_view key, std::string_view value);
    /// A file name, as json_path writes it.
    JsonObject& add_path(std::string_view key, std::string_view path);
    /// null when `value` is empty.
    JsonObject& add_integer(std::string_view key, std::optional<std::int64_t> value);
    JsonObject& add_number(std::string_view key, double value);
    JsonObject& add_bool(std::string_view key, bool value);
    JsonObject& add_null(std::string_view key);
    /// `json` is written as it is: an array, an object or a number already in JSON.
    JsonObject& add_json(std::string_view key, std::string_view json);
    /// The object's text, closed; the object can still be added to afterwards.
    std::string text() const { return text_ + "}"; }

private:
    std::string text_ = "{";
};

}  // namespace tconv::cli
