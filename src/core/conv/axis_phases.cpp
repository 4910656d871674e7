// AxisPhases: each phase's taps found once, from the first output of the phase.
#include "core/conv/axis_phases.hpp"

#include <algorithm>
#include <utility>

namespace tconv::core {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0); }

std::int64_t positive_mod(std::int64_t a, std::int64_t m) { return (a % m + m) % m; }

/// a*b mod m for 0 <= a, b < m without overflow (double and add).
std::int64_t mul_mod(std::int64_t a, std::int64_t b, std::int64_t m) {
    std::int64_t result = 0;
    for (; b > 0; b >>= 1) {
        if (b & 1) result = (result + a) % m;
        a = (a + a) % m;
    }
    return result;
}

/// The taps t with t*dilation == f (mod stride) are t0, t0 + step, ...: found by solving the
/// congruence once, so that a phase costs its own taps and not kernel x stride steps.
struct TapProgression {
    std::int64_t first = -1;  ///< -1: no tap of this phase
    std::int64_t step = 1;
};

TapProgression taps_congruent(std::int64_t f, std::int64_t dilation, std::int64_t stride) {
    // Extended Euclid: g = gcd(dilation, stride) = x*dilation + y*stride.
    std::int64_t old_r = dilation, r = stride, old_x = 1, x = 0;
    while (r != 0) {
        const std::int64_t q = old_r / r;
        old_r = std::exchange(r, old_r - q * r);
        old_x = std::exchange(x, old_x - q * x);
    }
    const std::int64_t g = old_r;
    const std::int64_t fm = positive_mod(f, stride);
    if (fm % g != 0) return {};
    const std::int64_t modulus = stride / g;
    // t = (f/g) * (dilation/g)^-1 mod (stride/g); old_x is that inverse up to sign and multiples.
    return {mul_mod(fm / g % modulus, positive_mod(old_x, modulus), modulus), modulus};
}

}  // namespace

AxisPhases::AxisPhases(const AxisShape& axis, EdgeMode edge) : stride_(axis.stride), inputs_(axis.in), edge_(edge) {
    // The first min(stride, out) outputs have distinct phases; output o + stride has o's taps one
    // input further on.
    const std::int64_t n = std::min(axis.stride, axis.out);
    phases_.reserve(static_cast<std::size_t>(n));
    for (std::int64_t o = 0; o < n; ++o) {
        const std::int64_t f = o + axis.crop_begin;
        AxisPhase ph;
        ph.first_out = o;
        ph.count = (axis.out - 1 - o) / axis.stride + 1;
        const TapProgression taps = taps_congruent(f, axis.dilation, axis.stride);
        for (std::int64_t t = taps.first; t >= 0 && t < axis.kernel; t += taps.step) {
            const std::int64_t rest = f - t * axis.dilation;
            const std::int64_t i = floor_div(rest, axis.stride);
            const bool only_zeros = i + ph.count - 1 < 0 || i >= axis.in;  // for every output of the phase
            if (only_zeros && edge == EdgeMode::Zero) continue;
            ph.taps.push_back({i, t});
        }
        phases_.push_back(std::move(ph));
    }
}

}  // namespace tconv::core
