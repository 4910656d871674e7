// libFuzzer target: the geometry parsers (core::parse_extent, parse_padding, parse_crop) on arbitrary
// text, and, when lines 1-6 all parse, plan_output_shape checked against the formula in 128 bits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_shape.hpp"

namespace {

using namespace tconv::core;

constexpr std::int64_t max_number = 2147483647;

void check_extent(Extent2 e, std::int64_t min_value) {
    if (e.h < min_value || e.w < min_value || e.h > max_number || e.w > max_number) std::abort();
    // What was accepted must read back the same when written in the canonical form.
    if (parse_extent(std::to_string(e.h) + "x" + std::to_string(e.w), min_value) != e) std::abort();
}

void check_axis(const AxisShape& a, PaddingMode mode, std::int64_t pad_begin, std::int64_t pad_end) {
    if (a.out < 1 || a.crop_begin < 0 || a.crop_end < 0 || a.output_padding < 0) std::abort();
    if (a.out != a.full - a.crop_begin - a.crop_end + a.output_padding) std::abort();
    const __int128 full = static_cast<__int128>(a.in - 1) * a.stride + static_cast<__int128>(a.dilation) * (a.kernel - 1) + 1;
    if (full != a.full || a.k_eff != a.dilation * (a.kernel - 1) + 1) std::abort();
    if (mode == PaddingMode::Explicit && (a.crop_begin != pad_begin || a.crop_end != pad_end)) std::abort();
}

std::vector<std::string_view> lines(std::string_view s) {
    std::vector<std::string_view> out;
    while (true) {
        const auto at = s.find('\n');
        out.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return out;
        s.remove_prefix(at + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const std::int64_t min_value : {0, 1}) {
        try {
            check_extent(parse_extent(text, min_value), min_value);
        } catch (const InvalidParams&) {}
    }
    try {
        const Padding p = parse_padding(text);
        if (p.top < 0 || p.left < 0 || p.bottom < 0 || p.right < 0) std::abort();
    } catch (const InvalidParams&) {}
    try {
        const CropRect r = parse_crop(text);
        if (r.y < 0 || r.x < 0 || r.h < 1 || r.w < 1 || r.y > max_number || r.x > max_number || r.h > max_number ||
            r.w > max_number)
            std::abort();
    } catch (const InvalidParams&) {}
    // Lines: input HxW, filter size, stride, dilation, padding, output padding (empty: not given).
    const auto parts = lines(text);
    if (parts.size() != 6) return 0;
    try {
        Geometry g;
        const Extent2 in = parse_extent(parts[0], 1);
        g.kernel = parse_extent(parts[1], 1);
        g.stride = parse_extent(parts[2], 1);
        g.dilation = parse_extent(parts[3], 1);
        g.padding = parse_padding(parts[4]);
        if (!parts[5].empty()) g.output_padding = parse_extent(parts[5], 0);
        validate_geometry(g);
        const OutputShape s = plan_output_shape(in, g);
        check_axis(s.rows, g.padding.mode, g.padding.top, g.padding.bottom);
        check_axis(s.cols, g.padding.mode, g.padding.left, g.padding.right);
    } catch (const InvalidParams&) {}
    return 0;
}
