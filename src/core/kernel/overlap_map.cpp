// Overlap counts per axis and the interior phase counts, each in closed form from the taps' residues.
#include "core/kernel/overlap_map.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace tconv::core {

namespace {

/// floor(a / b) and a - b * floor(a / b), for b >= 1.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && a < 0 ? 1 : 0); }
std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - b * floor_div(a, b); }

/// x in [0, m) with a * x % m == 1, for gcd(a, m) == 1 (0 for m == 1): extended Euclid.
std::int64_t inverse_mod(std::int64_t a, std::int64_t m) {
    std::int64_t r0 = m, r1 = floor_mod(a, m), x0 = 0, x1 = 1;
    while (r1 != 0) {
        const std::int64_t q = r0 / r1;
        r0 = std::exchange(r1, r0 - q * r1);
        x0 = std::exchange(x1, x0 - q * x1);
    }
    return floor_mod(x0, m);
}

}  // namespace

CountRange interior_overlap(std::int64_t kernel, std::int64_t stride, std::int64_t dilation) {
    // Tap a lands on phase a * dilation % stride, which depends on a % cycle alone and takes cycle
    // distinct values: the taps fall into `cycle` classes of kernel / cycle taps, rounded up or down.
    const std::int64_t cycle = stride / std::gcd(dilation, stride);
    const std::int64_t phases_reached = std::min(kernel, cycle);
    return {phases_reached < stride ? 0 : kernel / cycle, (kernel + cycle - 1) / cycle};
}

AxisOverlap axis_overlap(const AxisShape& a) {
    // Output o sits at t = o + crop_begin in the full buffer, reached by each tap k with
    // t - k * dilation = i * stride for an input 0 <= i < in: the taps k in
    // [(t - (in-1) * stride) / dilation, t / dilation] (within 0 .. kernel-1) with
    // k * dilation = t (mod stride), which is none unless gcd(dilation, stride) divides t, else one
    // class k = k0 (mod cycle). So each count takes O(log stride), whatever the sizes.
    const std::int64_t g = std::gcd(a.dilation, a.stride), cycle = a.stride / g;
    const std::int64_t inverse = inverse_mod(a.dilation / g, cycle);
    const std::int64_t last_input_at = (a.in - 1) * a.stride;
    AxisOverlap o;
    o.counts.assign(static_cast<std::size_t>(a.out), 0);
    for (std::int64_t out_index = 0; out_index < a.out; ++out_index) {
        const std::int64_t t = out_index + a.crop_begin;
        if (floor_mod(t, g) != 0) continue;
        const std::int64_t lo = std::max<std::int64_t>(0, -floor_div(last_input_at - t, a.dilation));
        const std::int64_t hi = std::min(a.kernel - 1, floor_div(t, a.dilation));
        if (lo > hi) continue;
        const std::int64_t k0 = floor_mod(t / g, cycle) * inverse % cycle;
        o.counts[static_cast<std::size_t>(out_index)] = floor_div(hi - k0, cycle) - floor_div(lo - 1 - k0, cycle);
    }
    const auto [lo, hi] = std::minmax_element(o.counts.begin(), o.counts.end());
    o.over_output = {*lo, *hi};
    o.interior = interior_overlap(a.kernel, a.stride, a.dilation);
    return o;
}

OverlapMap overlap_map(const OutputShape& shape) { return {axis_overlap(shape.rows), axis_overlap(shape.cols)}; }

}  // namespace tconv::core
