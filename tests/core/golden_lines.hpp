// Reading the lines of the PyTorch golden files in tests/reference/goldens/ that several core tests
// share: numbers, (C, H, W) planes, and the geometry keys.
#pragma once
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/geometry/extent.hpp"
#include "core/geometry/geometry_text.hpp"
#include "core/geometry/output_shape.hpp"

namespace tconv::test {

/// Calls on_line(key, line) for every line of tests/reference/goldens/NAME but blank lines and # comments,
/// `line` holding the rest after the key; an on_line that returns false (a key it does not know) fails
/// the test, naming the file.
template <class OnLine>
void read_golden_lines(const std::string& name, OnLine on_line) {
    const std::string path = std::string(TCONV_TEST_DATA) + "/reference/goldens/" + name;
    std::ifstream file(path);
    INFO(path);
    REQUIRE(file.good());
    for (std::string text; std::getline(file, text);) {
        if (text.empty() || text[0] == '#') continue;
        std::istringstream line(text);
        std::string key;
        line >> key;
        if (!on_line(key, line)) FAIL("unknown key '" << key << "' in " << path);
    }
}

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
