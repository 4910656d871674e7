#!/usr/bin/python3
"""Golden outputs for tconv's resize-convolution (`tconv compare`), computed by PyTorch (not by tconv).

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_compare_goldens.py
It rewrites tests/reference/goldens/resize_conv.txt; tests/core/conv/resize_conv_test.cpp and
tests/e2e/compare.sh read it.

The resize-convolution of Odena, Dumoulin & Olah (Distill 2016), sized like tconv's transposed
convolution: F.interpolate(mode='nearest') by the stride (checked here against numpy.repeat), then
F.pad with zeros by (P // 2, P - P // 2) per axis, P = out - in * stride + dilation * (k - 1) (a
negative pad crops), then F.conv2d with the kernel divided by its sum, dilation as given, each channel
on its own (groups = channels). `out` is the transposed convolution's output size (window.py). Where
the padding is numeric, the case also holds PyTorch's conv_transpose2d of the same image, quantised,
for the compare sheet's other panel, with the pixels within 1e-3 of a .5 boundary listed
(transposed_near_half: tconv's transposed convolution sums in float).

Values are float64; tconv sums in double too, in another order, so the sums are written exactly
(repr) and the test compares them within 1e-9; the quantised pixels whose sum lies within 1e-6 of a
.5 boundary are listed (near_half), where a test allows +-1, except for kernels whose normalised
weights are multiples of 1/1024: their sums are exact, so their .5 sums test the rounding rule.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

from golden_file import write_cases
from window import axis_window, extent

NEAR_HALF = 1e-6
TRANSPOSED_NEAR_HALF = 1e-3  # tconv's transposed convolution sums in float (make_goldens.py)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "resize_conv.txt")


def quantise(v):
    """Clamp to [0, 255], round half away from zero (floor(v + 0.5) on v >= 0)."""
    return np.floor(np.clip(v, 0.0, 255.0) + 0.5).astype(np.int64)


def run_case(name, image, weights, stride="1", dilation="1", padding="0", output_padding=None):
    """image: uint8 [H, W, C]; weights: float64 [KH, KW] holding float32 values, summing to nonzero."""
    h, w, c = image.shape
    kh, kw = weights.shape
    s, d = extent(stride), extent(dilation)
    op = extent(output_padding) if output_padding is not None else (None, None)
    out_h = axis_window(h, kh, s[0], d[0], padding, 0, op[0])[1]
    out_w = axis_window(w, kw, s[1], d[1], padding, 1, op[1])[1]
    x = torch.from_numpy(image.transpose(2, 0, 1).astype(np.float64)).unsqueeze(0)  # [1, C, H, W]
    up = F.interpolate(x, scale_factor=s, mode="nearest")
    by_hand = np.repeat(np.repeat(image, s[0], axis=0), s[1], axis=1).transpose(2, 0, 1)
    assert np.array_equal(up[0].numpy(), by_hand.astype(np.float64)), name
    ph = out_h - h * s[0] + d[0] * (kh - 1)
    pw = out_w - w * s[1] + d[1] * (kw - 1)
    padded = F.pad(up, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))
    wt = torch.from_numpy(weights / weights.sum()).reshape(1, 1, kh, kw).repeat(c, 1, 1, 1)
    y = F.conv2d(padded, wt, dilation=d, groups=c)[0]
    assert tuple(y.shape[1:]) == (out_h, out_w), (name, y.shape, out_h, out_w)
    y = y.numpy().transpose(1, 2, 0)  # [OH, OW, C]
    frac = y - np.floor(y)
    near = np.flatnonzero(((np.abs(frac - 0.5) < NEAR_HALF) & (y > 0) & (y < 255)).reshape(-1))
    normalised = weights / weights.sum()
    if np.all(normalised * 1024 == np.round(normalised * 1024)):
        near = near[:0]  # dyadic weights: every sum is exact in double too, so a .5 must round up exactly
    lines = [
        f"case {name}",
        f"input {h} {w} {c}",
        f"stride {stride}",
        f"dilation {dilation}",
        f"padding {padding}",
        f"output_padding {output_padding if output_padding is not None else '-'}",
        "kernel " + ";".join(",".join(repr(float(v)) for v in row) for row in weights),
        f"output {out_h} {out_w}",
        "pad " + " ".join(str(v) for v in (ph // 2, ph - ph // 2, pw // 2, pw - pw // 2)),
        "pixels " + " ".join(str(int(v)) for v in image.reshape(-1)),
        "sums " + " ".join(repr(float(v)) for v in y.reshape(-1)),
        "expected " + " ".join(str(int(v)) for v in quantise(y).reshape(-1)),
        "near_half " + " ".join(str(int(i)) for i in near),
    ]
    if padding not in ("valid", "same") and "," not in padding:
        wt_t = torch.from_numpy(weights).reshape(1, 1, kh, kw).repeat(c, 1, 1, 1)
        t = F.conv_transpose2d(x, wt_t, stride=s, dilation=d, groups=c, padding=extent(padding),
                               output_padding=(op[0] or 0, op[1] or 0))[0]
        assert tuple(t.shape[1:]) == (out_h, out_w), name
        t = t.numpy().transpose(1, 2, 0)
        t_frac = t - np.floor(t)
        t_near = np.flatnonzero(((np.abs(t_frac - 0.5) < TRANSPOSED_NEAR_HALF) & (t > 0) & (t < 255)).reshape(-1))
        lines.append("transposed " + " ".join(str(int(v)) for v in quantise(t).reshape(-1)))
        lines.append("transposed_near_half " + " ".join(str(int(i)) for i in t_near))
    lines.append("end")
    return "\n".join(lines)


def as_float32(a):
    """Rounds to the float32 values tconv will hold (it parses the decimal text into a float)."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def main():
    rng = np.random.default_rng(20261201)

    def img(h, w, c):
        return rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)

    def frac_kernel(kh, kw, lo=-0.3, hi=0.9):
        while True:
            k = as_float32(np.round(rng.uniform(lo, hi, size=(kh, kw)), 3))
            if k.sum() > 0.25:
                return k

    # The 5x3 asymmetric pattern of make_goldens.py: swapped axes, flips or R/B swaps all show.
    pattern = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255]],
                        [[255, 255, 0], [0, 0, 0], [128, 64, 32]],
                        [[10, 20, 30], [255, 255, 255], [0, 128, 255]],
                        [[200, 0, 100], [7, 77, 177], [0, 0, 0]],
                        [[1, 2, 3], [90, 180, 45], [255, 0, 255]]], dtype=np.uint8)
    # The article's 4x4 image (samples/article.png).
    article = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]],
                        [[0, 0, 0], [255, 255, 0], [0, 255, 255], [255, 0, 255]],
                        [[255, 128, 0], [128, 128, 128], [128, 0, 128], [255, 255, 255]],
                        [[0, 0, 255], [0, 0, 0], [255, 0, 0], [0, 255, 0]]], dtype=np.uint8)

    cases = [
        run_case("pattern_5x3_rgb_k2x3_s2x3", pattern, as_float32([[1, 2, 1], [1, 2, 1]]), "2x3"),
        run_case("pattern_5x3_rgb_ones_k3_s4_op1", pattern, as_float32(np.ones((3, 3))), "4", "1", "0", "1"),
        run_case("article_ones_k3_s2", article, as_float32(np.ones((3, 3))), "2"),
        run_case("grey_4x5_k3x2_s1x2_d2x3", img(4, 5, 1), frac_kernel(3, 2), "1x2", "2x3"),
        run_case("rgba_6x4_k3_s2_p1_op1", img(6, 4, 4), frac_kernel(3, 3), "2", "1", "1", "1"),
        run_case("ga_5x3_k4x3_s3x2_p2x1_op2x1", img(5, 3, 2), frac_kernel(4, 3), "3x2", "1", "2x1", "2x1"),
        run_case("rgb_5x3_k3_s2x3_pads_1_0_2_3_op1x2", img(5, 3, 3), frac_kernel(3, 3), "2x3", "1", "1,0,2,3", "1x2"),
        run_case("rgb_3x5_k3x2_s4x1_valid", img(3, 5, 3), frac_kernel(3, 2), "4x1", "1", "valid"),
        run_case("rgb_5x3_bilinear_k4_s2_p1", img(5, 3, 3),
                 as_float32(np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25])), "2", "1", "1"),
        run_case("rgb_1x1_k3x2_s5", img(1, 1, 3), frac_kernel(3, 2, 0.1, 1.0), "5"),
        run_case("grey_4x4_k1_s2_crops_one", img(4, 4, 1), as_float32([[0.5]]), "2"),
        run_case("grey_3x6_k2x5_s3x2_d1x2_p0x3", img(3, 6, 1), frac_kernel(2, 5), "3x2", "1x2", "0x3"),
        run_case("rgb_4x5_negative_taps_k3_s3x2", img(4, 5, 3), frac_kernel(3, 3, -0.8, 1.0), "3x2"),
    ]
    write_cases(OUT, "tests/reference/make_compare_goldens.py",
                "torch.nn.functional.interpolate(mode='nearest') + conv2d", cases)


if __name__ == "__main__":
    main()
