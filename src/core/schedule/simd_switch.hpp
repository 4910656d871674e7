// The run-time switch for the hand-written SIMD loops, like libvips' VIPS_NOVECTOR: with it off,
// every loop runs its portable form, which does the same arithmetic in the same order, so tests can
// check the portable code on a machine that has AVX2.
#pragma once

namespace tconv::core {

/// Whether the SIMD loops may run (they still run only where the CPU has the instructions). On by
/// default, off when the environment variable TCONV_NO_SIMD is set to anything but "" or "0" when
/// the process starts.
bool simd_enabled();

/// Turns the SIMD loops on or off for the whole process (for tests; calls in flight may still use
/// the old setting).
void set_simd_enabled(bool on);

}  // namespace tconv::core
