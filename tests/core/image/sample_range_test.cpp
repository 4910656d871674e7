// --range: the three names, and map/unmap as --help and docs/semantics.md write them.
#include <catch2/catch.hpp>

#include "core/image/sample_range.hpp"

using namespace tconv;

TEST_CASE("parse_sample_range reads the three ranges and nothing else", "[core][layer]") {
    CHECK(core::parse_sample_range("0,255") == core::SampleRange::Samples);
    CHECK(core::parse_sample_range("0,1") == core::SampleRange::Unit);
    CHECK(core::parse_sample_range("-1,1") == core::SampleRange::Signed);
    for (const char* bad : {"", "0,2", "0, 1", "-1,1 ", "1", "0.0,1"}) CHECK_FALSE(core::parse_sample_range(bad));
    for (const auto r : {core::SampleRange::Samples, core::SampleRange::Unit, core::SampleRange::Signed})
        CHECK(core::parse_sample_range(core::sample_range_name(r)) == r);
}

TEST_CASE("map_sample and unmap_sample follow the documented formulas", "[core][layer]") {
    using core::SampleRange;
    CHECK(core::map_sample(51, SampleRange::Samples, 255) == 51);
    CHECK(core::map_sample(51, SampleRange::Unit, 255) == 0.2);
    CHECK(core::map_sample(0, SampleRange::Signed, 255) == -1);
    CHECK(core::map_sample(255, SampleRange::Signed, 255) == 1);
    CHECK(core::unmap_sample(0.2, SampleRange::Unit, 255) == 0.2 * 255);
    CHECK(core::unmap_sample(-1, SampleRange::Signed, 255) == 0);
    CHECK(core::unmap_sample(0, SampleRange::Signed, 255) == 127.5);
    CHECK(core::unmap_sample(1, SampleRange::Signed, 65535) == 65535);
    CHECK(core::unmap_sample(-7.25, SampleRange::Samples, 255) == -7.25);
}
