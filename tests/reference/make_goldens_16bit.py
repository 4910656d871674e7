#!/usr/bin/python3
"""Golden outputs for tconv's transposed convolution of 16-bit images, computed by PyTorch (not by tconv).

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_goldens_16bit.py
It rewrites tests/reference/goldens/transposed_conv_16bit.txt; tests/core/conv/transposed_conv_golden_test.cpp reads it.

As make_goldens.py, with samples 0..65535 (a `depth 16` line per case): torch.nn.functional.conv_transpose2d in
float64 with groups = channels, edge modes by numpy.pad before it, and the quantisation written out here: clamp
to [0, 65535], round half AWAY from zero. tconv sums 16-bit samples in double, so only sums within NEAR_HALF of a
.5 boundary with weights that are not dyadic fractions are listed (the test allows +-1 there); dyadic cases have
exact .5 sums, which must round up. Every sample of the inputs has a low byte unrelated to its high byte, so a
path that drops to 8 bits fails.

The last cases keep their kernels as typed (0.7071, not the float32 0.70710677...): tconv sums 16-bit samples
with the weights as typed, in double, as PyTorch does in float64. One is built so that float32 weights would miss:
each sample times a weight lands between 1e-6 and the float32 rounding error of that product past a .5 (outside
the near-half allowance), and the script checks that rounding the kernel to float32 changes some pixels.
"""
import os

import numpy as np

from golden_file import write_cases
from make_goldens import as_float32, conv_window, quantise, run_case

NEAR_HALF = 1e-6  # double sums of <= ~50 terms of magnitude <= ~1e5 stay far below this
MAX = 65535
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "transposed_conv_16bit.txt")


def main():
    rng = np.random.default_rng(20261201)

    def img(h, w, c, lo=0, hi=MAX + 1):
        return rng.integers(lo, hi, size=(h, w, c), dtype=np.int64).astype(np.uint16)

    def frac_kernel(kh, kw, lo=-0.4, hi=0.8):
        return as_float32(np.round(rng.uniform(lo, hi, size=(kh, kw)), 3))

    def case(*args, **kwargs):
        return run_case(*args, **kwargs, max_value=MAX, near_half=NEAR_HALF)

    bilinear4 = as_float32(np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25]))
    # Odd samples times 0.5: every sum is an exact .5 (65535 * 0.5 also), rounded away from zero.
    odd = (img(4, 5, 3) | 1).astype(np.uint16)
    cases = [
        case("rgb16_5x3_bilinear_k4_s2_p1", img(5, 3, 3), bilinear4, "2", "1", "1"),
        case("rgb16_4x5_bilinear_x2_replicate", img(4, 5, 3), bilinear4, "2", "1", "1", None, "replicate"),
        case("rgb16_4x5_halves_k2_s1", odd, as_float32([[0.5, 0.0], [0.0, 0.0]]), "1"),
        case("grey16_4x5_halves_k3x2_s2_d2x1", (img(4, 5, 1) | 1).astype(np.uint16), as_float32([[0.5, 0.0], [0.0, 0.0], [0.25, 0.25]]),
             "2", "2x1"),
        case("rgba16_5x4_saturating_ones_k3_s1", img(5, 4, 4, 20000), as_float32(np.ones((3, 3))), "1"),
        case("rgb16_3x4_far_above_max_k4_s2", img(3, 4, 3, 40000), as_float32(np.full((4, 4), 3.0)), "2", "1", "1"),
        case("ga16_5x3_k4x3_s3x2_p2x1_op2x1", img(5, 3, 2), frac_kernel(4, 3), "3x2", "1", "2x1", "2x1"),
        case("rgb16_5x3_k3_s2x3_pads_1_0_2_3_op1x2", img(5, 3, 3), frac_kernel(3, 3), "2x3", "1", "1,0,2,3", "1x2"),
        case("rgb16_4x5_laplacian_s2", img(4, 5, 3), as_float32([[0, -1, 0], [-1, 4, -1], [0, -1, 0]]), "2"),
        case("rgba16_5x3_k3x4_s2x3_same", img(5, 3, 4), frac_kernel(3, 4), "2x3", "1", "same"),
        case("grey16_4x3_k5_s2_valid_op1", img(4, 3, 1), frac_kernel(5, 5, -0.2, 0.5), "2", "1", "valid", "1"),
        case("rgb16_4x5_bilinear_x3_replicate", img(4, 5, 3), as_float32(np.outer([1, 2, 3, 2, 1], [1, 2, 3, 2, 1]) / 9.0),
             "3", "1", "1", None, "replicate"),
        case("rgba16_5x4_k3_s2_op1_reflect", img(5, 4, 4), frac_kernel(3, 3), "2", "1", "0", "1", "reflect"),
        case("rgb16_5x3_ones_k3_s4_op1_replicate", img(5, 3, 3), as_float32(np.ones((3, 3))), "4", "1", "0", "1", "replicate"),
        case("rgb16_5x3_ones_k2_s2", img(5, 3, 3), as_float32(np.ones((2, 2))), "2"),
        case("rgb16_3x5_negative_k2x3_s2x1_replicate", img(3, 5, 3), frac_kernel(2, 3, -1.0, 1.0), "2x1", "1", "0", None,
             "replicate"),
        case("grey16_2x7_k2x5_s3x2_d1x2_p0x3", img(2, 7, 1), frac_kernel(2, 5), "3x2", "1x2", "0x3"),
        case("rgb16_3x4_k3_s2_d2_same_reflect", img(3, 4, 3), frac_kernel(3, 3), "2", "2", "same", None, "reflect"),
        # Rank 1 with one axis' factors not dyadic (the other's powers of two, so that the products are exact in
        # float32 and the split is exact): float sums of these 16-bit samples would miss PyTorch's rounding.
        case("rgb16_24x20_rank1_rows_not_dyadic_k3x2_s2", img(24, 20, 3),
             as_float32(np.outer(as_float32([0.3, 0.9, 0.45]), [1.0, 0.5])), "2", "1", "1"),
        case("rgb16_20x24_rank1_cols_not_dyadic_k2x3_s2_replicate", img(20, 24, 3),
             as_float32(np.outer([0.5, 1.0], as_float32([0.35, 0.8, 0.15]))), "2", "1", "0", None, "replicate"),
    ]
    # Typed kernels. A 2x2 kernel at stride 2 gives each output one product w * x: the samples are drawn
    # among those whose product rounds the other way with float32(w), away from the .5 band.
    typed = np.array([[0.7071, 0.2929], [0.1234, 0.5678]])
    samples = np.arange(MAX + 1, dtype=np.float64)
    flips = []
    for w in typed.reshape(-1):
        exact, single = w * samples, float(np.float32(w)) * samples
        off_half = np.abs(exact - np.floor(exact) - 0.5) > NEAR_HALF
        flips += list(np.flatnonzero((quantise(exact, MAX) != quantise(single, MAX)) & off_half))
    flipping = rng.choice(np.array(sorted(set(flips))), size=24, replace=False).reshape(4, 6, 1).astype(np.uint16)
    decimals = np.array([[0.1, 0.2, 0.3], [0.25, 0.7071, 0.33], [0.1, 0.05, 0.9]])
    typed_cases = [("grey16_4x6_typed_k2_s2_float32_would_miss", flipping, typed, "2"),
                   ("rgb16_6x5_typed_decimals_k3_s2_p1", img(6, 5, 3), decimals, "2", "1", "1")]
    for name, image, weights, *geometry in typed_cases:
        cases.append(case(name, image, weights, *geometry))
        as_typed = conv_window(image.astype(np.float64), weights, *geometry)
        as_floats = conv_window(image.astype(np.float64), as_float32(weights), *geometry)
        missed = int((quantise(as_typed, MAX) != quantise(as_floats, MAX)).sum())
        print(f"{name}: float32 weights would round {missed} of {as_typed.size} samples the other way")
        if name.endswith("would_miss"):
            assert missed > 0
    write_cases(OUT, "tests/reference/make_goldens_16bit.py", "torch.nn.functional.conv_transpose2d in float64", cases)


if __name__ == "__main__":
    main()
