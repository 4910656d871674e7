// Reading the lines of the PyTorch golden files in tests/reference/goldens/ that several core tests
// share: numbers, (C, H, W) planes, and the geometry keys.
#pragma once
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/extent.hpp"
#include "core/geometry_text.hpp"
#include "core/output_shape.hpp"

namespace tconv::test {

/// The rest of the line as numbers (Python's repr of float64: exact).
inline std::vector<double> read_doubles(std::istringstream& line) {
    std::vector<double> v;
    for (std::string t; line >> t;) v.push_back(std::stod(t));
    return v;
}

/// (C, H, W) values, as PyTorch lists them, interleaved as RealImage holds them.
inline std::vector<double> interleaved(const std::vector<double>& planes, int channels, core::Extent2 size) {
    REQUIRE(planes.size() == static_cast<std::size_t>(channels * size.h * size.w));
    std::vector<double> v(planes.size());
    const auto plane = static_cast<std::size_t>(size.h * size.w);
    for (std::size_t i = 0; i < planes.size(); ++i) v[i % plane * static_cast<std::size_t>(channels) + i / plane] = planes[i];
    return v;
}

/// Reads the line into `g` when `key` is a geometry key (stride, dilation, padding, output_padding,
/// whose "-" means none); returns whether it was one.
inline bool read_geometry_line(const std::string& key, std::istringstream& line, core::Geometry& g) {
    std::string word;
    if (key == "stride") {
        line >> word;
        g.stride = core::parse_extent(word, 1);
    } else if (key == "dilation") {
        line >> word;
        g.dilation = core::parse_extent(word, 1);
    } else if (key == "padding") {
        line >> word;
        g.padding = core::parse_padding(word);
    } else if (key == "output_padding") {
        line >> word;
        if (word != "-") g.output_padding = core::parse_extent(word, 0);
    } else {
        return false;
    }
    return true;
}

}  // namespace tconv::test
