// The SIMD switch: off means no AVX2 loop is picked, whatever the CPU has.
#include <catch2/catch.hpp>

#include "core/schedule/simd_switch.hpp"
#include "core/simd_modes.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include "core/schedule/simd_support.hpp"

TEST_CASE("simd switch: off, the AVX2 loops are not picked; on, they are where the CPU has AVX2", "[core][simd]") {
    tconv::test::in_each_simd_mode([] {
        CHECK(tconv::core::use_avx2() == (tconv::core::simd_enabled() && tconv::core::cpu_has_avx2()));
        if (!tconv::core::simd_enabled()) CHECK_FALSE(tconv::core::use_avx2());
    });
}
#endif

TEST_CASE("simd switch: set_simd_enabled is what simd_enabled reads back", "[core][simd]") {
    const bool before = tconv::core::simd_enabled();
    tconv::core::set_simd_enabled(false);
    CHECK_FALSE(tconv::core::simd_enabled());
    tconv::core::set_simd_enabled(true);
    CHECK(tconv::core::simd_enabled());
    tconv::core::set_simd_enabled(before);
}
