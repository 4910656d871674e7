// ReplicationMap: output bytes as copies of input bytes or zeros, the same by shuffles and one by one,
// for rows shorter and longer than a SIMD block and windows that end at the row's last byte.
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "core/simd_modes.hpp"

#include "core/conv/strategies/replication_map.hpp"

namespace core = tconv::core;

TEST_CASE("the article's k3 s4 row: each RGB pixel three times, then a black pixel", "[core][replication]") {
    tconv::test::in_each_simd_mode([&] {
        // One input row of 2 RGB pixels -> 8 output pixels (24 bytes): p0 p0 p0 0 p1 p1 p1 0.
        std::vector<std::int32_t> source;
        for (int pixel = 0; pixel < 2; ++pixel) {
            for (int copy = 0; copy < 4; ++copy)
                for (int c = 0; c < 3; ++c) source.push_back(copy < 3 ? pixel * 3 + c : -1);
        }
        const core::ReplicationMap map(source, 6);
        const std::vector<std::uint8_t> in{255, 0, 0, 0, 255, 0};  // red, green
        std::vector<std::uint8_t> out(24, 0xAB);
        map.apply(in.data(), out.data());
        CHECK(out == std::vector<std::uint8_t>{255, 0,   0, 255, 0,   0, 255, 0,   0, 0, 0, 0,  //
                                               0,   255, 0, 0,   255, 0, 0,   255, 0, 0, 0, 0});
    });
}

TEST_CASE("replication maps of every length copy what they name", "[core][replication]") {
    tconv::test::in_each_simd_mode([&] {
        for (std::size_t in_len : {1u, 3u, 15u, 16u, 17u, 40u, 100u}) {
            std::vector<std::uint8_t> in(in_len);
            for (std::size_t i = 0; i < in_len; ++i) in[i] = static_cast<std::uint8_t>(i * 7 + 1);
            for (std::size_t stride : {1u, 2u, 3u, 5u}) {
                // Each input byte `stride` times, every fourth copy a zero, ending exactly at the input's end.
                std::vector<std::int32_t> source;
                for (std::size_t i = 0; i < in_len; ++i)
                    for (std::size_t k = 0; k < stride; ++k)
                        source.push_back((source.size() % 4 == 3) ? -1 : static_cast<std::int32_t>(i));
                const core::ReplicationMap map(source, in_len);
                std::vector<std::uint8_t> out(source.size() + 1, 0xAB);
                map.apply(in.data(), out.data());
                CAPTURE(in_len, stride);
                for (std::size_t j = 0; j < source.size(); ++j) {
                    CAPTURE(j);
                    REQUIRE(int{out[j]} == (source[j] < 0 ? 0 : int{in[static_cast<std::size_t>(source[j])]}));
                }
                REQUIRE(int{out.back()} == 0xAB);
            }
        }
    });
}
