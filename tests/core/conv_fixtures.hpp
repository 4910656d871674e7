// Small helpers shared by the transposed-convolution tests: images from literal numbers, a
// pixel-by-pixel comparison that names the failing pixel, and the seeded random images and paddings
// of the twin tests (fast paths against the literal scatter).
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"

namespace tconv::test {

/// An image of h x w pixels with c interleaved channels from literal values (each 0..255).
inline core::Image make_image(std::int64_t h, std::int64_t w, int c, const std::vector<int>& values, int depth = 8) {
    REQUIRE(values.size() == static_cast<std::size_t>(h * w * c));
    core::Image img = core::unwritten_image({h, w}, c, depth);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int v = values[i];
        REQUIRE((v >= 0 && v <= (depth == 16 ? 65535 : 255)));
        if (depth == 16) {
            const auto s = static_cast<std::uint16_t>(v);
            std::memcpy(img.pixels.data() + 2 * i, &s, 2);
        } else {
            img.pixels[i] = static_cast<std::uint8_t>(v);
        }
    }
    return img;
}

/// Requires equal sizes and every channel of every pixel within `tolerance` of `want`; on failure the
/// message names the case, the pixel (y, x) and the channel c.
inline void check_pixels(const core::Image& got, const core::Image& want, const std::string& label, int tolerance = 0) {
    CAPTURE(label);
    REQUIRE(got.height == want.height);
    REQUIRE(got.width == want.width);
    REQUIRE(got.channels == want.channels);
    REQUIRE(got.depth == want.depth);
    REQUIRE(got.pixels.size() == want.pixels.size());
    for (std::int64_t y = 0; y < want.height; ++y)
        for (std::int64_t x = 0; x < want.width; ++x)
            for (int c = 0; c < want.channels; ++c) {
                const int g = got.sample(y, x, c);
                const int e = want.sample(y, x, c);
                if (std::abs(g - e) <= tolerance) continue;  // keeps the assertion count readable
                CAPTURE(y, x, c, g, e, tolerance);
                FAIL("pixel differs");
            }
}

/// A seeded generator of whole numbers and picks.
struct Rng {
    std::mt19937_64 engine;
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(engine); }
    template <class T>
    T pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
    }
};

/// An image of h x w pixels, c channels, every sample random in 0..255.
inline core::Image random_image(Rng& rng, std::int64_t h, std::int64_t w, int c) {
    core::Image img = core::blank_image({h, w}, c);
    for (auto& p : img.pixels) p = static_cast<std::uint8_t>(rng.between(0, 255));
    return img;
}

/// One of the padding forms, evenly: P, PHxPW, T,L,B,R (numbers 0..4), valid, same.
inline core::Padding random_padding(Rng& rng) {
    switch (rng.between(0, 4)) {
        case 0: {
            const auto p = rng.between(0, 3);
            return {core::PaddingMode::Explicit, p, p, p, p};
        }
        case 1: {
            const auto ph = rng.between(0, 3), pw = rng.between(0, 3);
            return {core::PaddingMode::Explicit, ph, pw, ph, pw};
        }
        case 2: return {core::PaddingMode::Explicit, rng.between(0, 4), rng.between(0, 4), rng.between(0, 4), rng.between(0, 4)};
        case 3: return {core::PaddingMode::Valid, 0, 0, 0, 0};
        default: return {core::PaddingMode::Same, 0, 0, 0, 0};
    }
}

/// Half the time no output padding, else a valid one (below max(stride, dilation) per axis).
inline std::optional<core::Extent2> random_output_padding(Rng& rng, const core::Geometry& g) {
    if (rng.between(0, 1) == 0) return std::nullopt;
    return core::Extent2{rng.between(0, std::max(g.stride.h, g.dilation.h) - 1),
                         rng.between(0, std::max(g.stride.w, g.dilation.w) - 1)};
}

/// One of the edge modes, evenly.
/// A decoder of `image`'s rows for a core::RowWindow: each call copies the next row; `next` counts them.
struct RowDecoder {
    const core::Image& image;
    std::int64_t next = 0;
    std::size_t row_bytes() const { return static_cast<std::size_t>(image.width * image.channels) * image.sample_bytes(); }
    void operator()(std::uint8_t* row) {
        std::memcpy(row, image.pixels.data() + static_cast<std::size_t>(next++) * row_bytes(), row_bytes());
    }
};

/// --scale 2's geometry: bilinear's 4x4 footprint at stride 2, padding 1, edges replicated.
inline core::Geometry scale2_geometry() {
    core::Geometry g;
    g.kernel = {4, 4};
    g.stride = {2, 2};
    g.padding = {core::PaddingMode::Explicit, 1, 1, 1, 1};
    g.edge = core::EdgeMode::Replicate;
    return g;
}

inline core::EdgeMode random_edge(Rng& rng) { return static_cast<core::EdgeMode>(rng.between(0, 2)); }

/// A random geometry with kernels 1..5, strides 1..4, dilations 1..3, one of the padding forms and of
/// the edge modes and, half the time, a valid output padding.
inline core::Geometry random_geometry(Rng& rng) {
    core::Geometry g;
    g.kernel = {rng.between(1, 5), rng.between(1, 5)};
    g.stride = {rng.between(1, 4), rng.between(1, 4)};
    g.dilation = {rng.between(1, 3), rng.between(1, 3)};
    g.padding = random_padding(rng);
    g.output_padding = random_output_padding(rng, g);
    g.edge = random_edge(rng);
    return g;
}

/// "in HxWxC k HxW s HxW d HxW pads|valid|same T,L,B,R [op HxW]": a case, for CAPTURE.
inline std::string describe(const core::Image& in, const core::Geometry& g) {
    auto hw = [](core::Extent2 e) { return std::to_string(e.h) + "x" + std::to_string(e.w); };
    const auto& p = g.padding;
    const char* mode = p.mode == core::PaddingMode::Valid ? "valid" : p.mode == core::PaddingMode::Same ? "same" : "pads";
    std::string s = "in " + hw(in.size()) + "x" + std::to_string(in.channels) + " k " + hw(g.kernel) + " s " + hw(g.stride) +
                    " d " + hw(g.dilation) + " " + mode + " " + std::to_string(p.top) + "," + std::to_string(p.left) + "," +
                    std::to_string(p.bottom) + "," + std::to_string(p.right);
    if (g.output_padding) s += " op " + hw(*g.output_padding);
    if (g.edge != core::EdgeMode::Zero) s += " edge " + std::string(core::edge_mode_name(g.edge));
    return s;
}

}  // namespace tconv::test
