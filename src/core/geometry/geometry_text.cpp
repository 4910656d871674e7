// Whole-token parsers for extents and paddings, with std::from_chars and nothing left over.
#include "core/geometry/geometry_text.hpp"

#include <charconv>
#include <limits>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace tconv::core {
namespace {

constexpr std::int64_t max_value = std::numeric_limits<std::int32_t>::max();

/// Whether `token` is a number with a fraction ("2.5"), which counts of pixels cannot be.
bool is_fraction(std::string_view token) {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
    return token.find('.') != std::string_view::npos && ec == std::errc{} && ptr == token.data() + token.size();
}

std::int64_t parse_number(std::string_view whole, std::string_view token, std::int64_t min_value) {
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
    if (token.empty() || ec == std::errc::invalid_argument || ptr != token.data() + token.size()) {
        if (is_fraction(token))
            throw InvalidParams("'" + std::string(whole) + "' " +
                                (whole == token ? "is " : "holds '" + std::string(token) + "', ") +
                                "not a whole number (whole numbers only: these count pixels)");
        throw InvalidParams("'" + std::string(whole) + "' is not a number or HxW");
    }
    if (ec == std::errc::result_out_of_range || v > max_value)
        throw InvalidParams("'" + std::string(whole) + "' is too large (max " + std::to_string(max_value) + ")");
    if (v < min_value) throw InvalidParams("'" + std::string(whole) + "' must be >= " + std::to_string(min_value));
    return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto at = s.find(sep);
        parts.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return parts;
        s.remove_prefix(at + 1);
    }
}

}  // namespace

Extent2 parse_extent(std::string_view text, std::int64_t min_value) {
    const auto parts = split(text, 'x');
    if (parts.size() == 1) {
        const auto v = parse_number(text, parts[0], min_value);
        return {v, v};
    }
    if (parts.size() != 2) throw InvalidParams("'" + std::string(text) + "' is not a number or HxW");
    return {parse_number(text, parts[0], min_value), parse_number(text, parts[1], min_value)};
}

Padding parse_padding(std::string_view text) {
    if (text == "valid") return Padding{PaddingMode::Valid};
    if (text == "same") return Padding{PaddingMode::Same};
    if (text.find(',') != std::string_view::npos) {
        const auto parts = split(text, ',');
        if (parts.size() != 4) throw InvalidParams("'" + std::string(text) + "' needs four numbers top,left,bottom,right");
        Padding p;
        p.top = parse_number(text, parts[0], 0);
        p.left = parse_number(text, parts[1], 0);
        p.bottom = parse_number(text, parts[2], 0);
        p.right = parse_number(text, parts[3], 0);
        return p;
    }
    const Extent2 e = parse_extent(text, 0);
    return Padding{PaddingMode::Explicit, e.h, e.w, e.h, e.w};
}

CropRect parse_crop(std::string_view text) {
    const auto parts = split(text, ',');
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "'" + std::string(text) + "...".
    std::string why = "'";
    why.append(text).append("' is not Y,X,H,W (top row, left column, height, width)");
    if (parts.size() != 4) throw InvalidParams(why);
    CropRect r;
    try {
        r.y = parse_number(text, parts[0], 0);
        r.x = parse_number(text, parts[1], 0);
    } catch (const InvalidParams&) {
        throw InvalidParams(why + ": Y and X are numbers >= 0");
    }
    try {
        r.h = parse_number(text, parts[2], 1);
        r.w = parse_number(text, parts[3], 1);
    } catch (const InvalidParams&) {
        throw InvalidParams(why + ": H and W are numbers >= 1");
    }
    return r;
}

}  // namespace tconv::core
