// Regressions found by fuzz_kernel: kernels that parsed but held non-finite weights.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "core/errors.hpp"
#include "core/kernel/kernel.hpp"

using namespace tconv::core;

TEST_CASE("harden: regression: gaussian with a tiny sigma is a finite delta, not NaN", "[core][harden][fuzz]") {
    // fuzz_kernel: "gaussian:3e-9" gave 0/0 = NaN weights (sigma^2 underflowed, and for even sizes
    // every sample underflowed to 0 before normalising).
    for (const double sigma : {3e-9, 1e-200, 4.9e-324, 1e-3}) {
        for (const std::int64_t k : {1, 2, 3, 4, 7}) {
            CAPTURE(sigma, k);
            const Kernel g = gaussian_kernel({k, k}, sigma, {2, 3});
            for (const double w : g.weights) REQUIRE(std::isfinite(w));
            // Still normalised to stride_h * stride_w, all of it at the centre sample(s).
            CHECK(std::accumulate(g.weights.begin(), g.weights.end(), 0.0) == Approx(6.0));
            const auto centre = static_cast<std::size_t>((k - 1) / 2 * k + (k - 1) / 2);
            CHECK(g.weights[centre] == Approx(k % 2 == 1 ? 6.0 : 1.5));
        }
    }
    const KernelSpec spec = parse_kernel_spec("gaussian:3e-9");
    const Kernel k = make_kernel(spec, Extent2{2, 3}, {1, 1});
    for (const double w : k.weights) CHECK(std::isfinite(w));
}

TEST_CASE("harden: gaussian with a huge sigma is flat", "[core][harden][fuzz]") {
    const Kernel g = gaussian_kernel({3, 2}, 1e300, {1, 1});
    for (const double w : g.weights) CHECK(w == Approx(1.0 / 6.0));
}

TEST_CASE("harden: a named kernel over 2^24 weights is refused before it is allocated", "[core][harden]") {
    // Unchecked, -f 100000 aborts with bad_alloc, -f 2147483647 with length_error, and 1x2147483647 is OOM-killed.
    for (const Extent2 size : {Extent2{100000, 100000}, Extent2{2147483647, 2147483647}, Extent2{1, 2147483647},
                               Extent2{4097, 4096}, Extent2{1, max_kernel_weights + 1}}) {
        CAPTURE(size.h, size.w);
        CHECK_THROWS_WITH(make_kernel(KernelSpec{}, size, {1, 1}), Catch::Contains("weights"));
        CHECK_THROWS_AS(make_kernel(KernelSpec{KernelKind::Bilinear}, size, {1, 1}), InvalidParams);
    }
    CHECK(make_kernel(KernelSpec{}, Extent2{4096, 4096}, {1, 1}).weights.size() == std::size_t{1} << 24);
}
