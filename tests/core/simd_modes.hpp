// Runs a test body with the SIMD loops on and then off, so the portable loops are checked on a machine
// with AVX2 too (CI also runs all the unit tests once more under TCONV_NO_SIMD=1).
#pragma once
#include <catch2/catch.hpp>

#include "core/schedule/simd_switch.hpp"

namespace tconv::test {

/// Calls body() once with core::simd_enabled() true and once false, then restores the setting.
template <class Body>
void in_each_simd_mode(Body&& body) {
    const bool before = core::simd_enabled();
    struct Restore {
        bool on;
        ~Restore() { core::set_simd_enabled(on); }
    } restore{before};
    for (const bool simd : {true, false}) {
        core::set_simd_enabled(simd);
        CAPTURE(simd);
        body();
    }
}

}  // namespace tconv::test
