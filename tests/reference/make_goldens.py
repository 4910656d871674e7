#!/usr/bin/python3
"""Golden outputs for tconv's transposed convolution, computed by PyTorch (not by tconv).

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_goldens.py
It rewrites tests/reference/goldens/transposed_conv.txt and premultiplied_alpha.txt (the --alpha
premultiplied rule over the same convolution); tests/core/conv/transposed_conv_golden_test.cpp reads both.

Every case is torch.nn.functional.conv_transpose2d in float64 with groups = channels (each channel convolved
with the same kernel, no bias). Torch has no asymmetric padding and no Keras 'valid'/'same', so for the
ONNX-style "t,l,b,r" and the Keras cases the script computes the full output (padding 0) and cuts the window
of tconv's output window (docs/semantics.md): drop crop_begin at the start, keep `out` entries, zeros past
the end.
For the PyTorch forms (P, PHxPW) torch's own padding/output_padding is used, and the script checks that the
crop rule gives the same result. The Keras output size is Keras' deconv_output_length, written out below.

Edge modes (replicate, reflect): the input is first extended by numpy.pad (modes 'edge', 'reflect') by
enough pixels that every output pixel sees all its taps, the extended image goes through conv_transpose2d
with no padding, and the same window is cut, shifted by the extension times the stride.

Quantisation is done here explicitly: clamp to [0, 255], round half AWAY from zero (torch.round rounds half
to even, which is not tconv's rule). tconv accumulates in float, so pixels whose exact sum lies within
NEAR_HALF of a .5 boundary are listed per case; the test allows +-1 there. Cases whose weights are all
multiples of 1/1024 are summed exactly in float as well, so none of their pixels is listed: their exact
.5 sums test the half-away-from-zero rule.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

from golden_file import write_cases
from window import axis_window, extent

NEAR_HALF = 1e-3  # float accumulation of <= ~50 terms of magnitude <= ~400 stays well below this
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "transposed_conv.txt")
ALPHA_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "premultiplied_alpha.txt")


def window(full, rows, cols):
    """Cuts (crop_begin, out) per axis out of the full output [C, FH, FW], zeros past its end."""
    (rb, rn), (cb, cn) = rows, cols
    out = torch.zeros((full.shape[0], rn, cn), dtype=torch.float64)
    src = full[:, rb:rb + rn, cb:cb + cn]
    out[:, :src.shape[1], :src.shape[2]] = src
    return out


def quantise(v, max_value=255):
    """Clamp to [0, max_value], round half away from zero (exact for float64 via floor(v + 0.5) on v >= 0)."""
    v = np.clip(v, 0.0, float(max_value))
    return np.floor(v + 0.5).astype(np.int64)


def conv_window(image, weights, stride="1", dilation="1", padding="0", output_padding=None, edge="zero"):
    """image: float64 [H, W, C]; weights: float64 [KH, KW]. The output window [OH, OW, C], unrounded."""
    h, w, c = image.shape
    kh, kw = weights.shape
    s, d = extent(stride), extent(dilation)
    op = extent(output_padding) if output_padding is not None else (None, None)
    rows = axis_window(h, kh, s[0], d[0], padding, 0, op[0])
    cols = axis_window(w, kw, s[1], d[1], padding, 1, op[1])
    # Positions an output can reach beyond the input, per axis (0 with zero edges).
    reach = [0, 0] if edge == "zero" else [(d[a] * (k - 1) + 1 + (op[a] or 0)) // s[a] + 2 for a, k in ((0, kh), (1, kw))]
    extended = image if edge == "zero" else np.pad(image, ((reach[0],) * 2, (reach[1],) * 2, (0, 0)),
                                                   mode={"replicate": "edge", "reflect": "reflect"}[edge])
    x = torch.from_numpy(extended.transpose(2, 0, 1).astype(np.float64)).unsqueeze(0)  # [1, C, H', W']
    wt = torch.from_numpy(weights).reshape(1, 1, kh, kw).repeat(c, 1, 1, 1)             # [C, 1, KH, KW]
    full = F.conv_transpose2d(x, wt, stride=s, dilation=d, groups=c)[0]
    y = window(full, (rows[0] + reach[0] * s[0], rows[1]), (cols[0] + reach[1] * s[1], cols[1]))
    if edge == "zero" and padding not in ("valid", "same") and "," not in padding:
        direct = F.conv_transpose2d(x, wt, stride=s, dilation=d, groups=c, padding=extent(padding),
                                    output_padding=(op[0] or 0, op[1] or 0))[0]
        assert direct.shape == y.shape and torch.allclose(direct, y, atol=1e-9)
        y = direct
    return y.numpy().transpose(1, 2, 0)


def premultiplied(image, *geometry):
    """--alpha premultiplied before rounding: alpha A = T(a), colour C * 255 / A (0 where A <= 0)
    with C = T(c * a / 255); alpha is the last channel."""
    x = image.astype(np.float64)
    a = x[:, :, -1:]
    weighted = np.concatenate([x[:, :, :-1] * a / 255.0, a], axis=2)
    y = conv_window(weighted, *geometry)
    big_a = y[:, :, -1:]
    colour = np.where(big_a > 0, y[:, :, :-1] * 255.0 / np.where(big_a > 0, big_a, 1.0), 0.0)
    return np.concatenate([colour, big_a], axis=2)


def run_case(name, image, weights, stride="1", dilation="1", padding="0", output_padding=None, edge="zero",
             alpha="straight", max_value=255, near_half=NEAR_HALF):
    """image: uint8 (or uint16 with max_value 65535) [H, W, C]; weights: float64 [KH, KW] already rounded to
    float32 values."""
    h, w, c = image.shape
    geometry = (weights, stride, dilation, padding, output_padding, edge)
    y = premultiplied(image, *geometry) if alpha == "premultiplied" else conv_window(image.astype(np.float64), *geometry)
    frac = y - np.floor(y)
    near = np.flatnonzero(((np.abs(frac - 0.5) < near_half) & (y > 0) & (y < max_value)).reshape(-1))
    if alpha == "straight" and np.all(weights * 1024 == np.round(weights * 1024)):
        near = near[:0]  # dyadic weights: every sum is exact in float too, so a .5 must round up exactly
    matrix = ";".join(",".join(repr(float(v)) for v in row) for row in weights)
    return "\n".join([
        f"case {name}",
        *(["depth 16"] if max_value == 65535 else []),
        f"input {h} {w} {c}",
        f"stride {stride}",
        f"dilation {dilation}",
        f"padding {padding}",
        f"output_padding {output_padding if output_padding is not None else '-'}",
        *([f"edge {edge}"] if edge != "zero" else []),
        *([f"alpha {alpha}"] if alpha != "straight" else []),
        f"kernel {matrix}",
        f"output {y.shape[0]} {y.shape[1]}",
        "pixels " + " ".join(str(int(v)) for v in image.reshape(-1)),
        "expected " + " ".join(str(int(v)) for v in quantise(y, max_value).reshape(-1)),
        "sums " + " ".join(repr(float(v)) for v in y.reshape(-1)),
        "near_half " + " ".join(str(int(i)) for i in near),
        "end",
    ])


def as_float32(a):
    """Rounds to the float32 values tconv will hold (it parses the decimal text into a float)."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def main():
    rng = np.random.default_rng(20240521)

    def img(h, w, c):
        return rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)

    def frac_kernel(kh, kw, lo=-0.4, hi=0.8):
        return as_float32(np.round(rng.uniform(lo, hi, size=(kh, kw)), 3))

    # An asymmetric colour pattern: swapped axes, flips or R/B swaps all change the output.
    pattern = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255]],
                        [[255, 255, 0], [0, 0, 0], [128, 64, 32]],
                        [[10, 20, 30], [255, 255, 255], [0, 128, 255]],
                        [[200, 0, 100], [7, 77, 177], [0, 0, 0]],
                        [[1, 2, 3], [90, 180, 45], [255, 0, 255]]], dtype=np.uint8)  # 5x3 RGB

    cases = [
        run_case("pattern_5x3_rgb_k2x3_s2x3", pattern, as_float32([[1, 0.5, 0.25], [0.125, -0.5, 0.75]]), "2x3"),
        run_case("pattern_5x3_rgb_ones_k3_s4_op1", pattern, as_float32(np.ones((3, 3))), "4", "1", "0", "1"),
        run_case("grey_4x5_k3x2_s1x2_d2x3", img(4, 5, 1), frac_kernel(3, 2), "1x2", "2x3"),
        run_case("rgba_6x4_k3_s2_p1_op1", img(6, 4, 4), frac_kernel(3, 3), "2", "1", "1", "1"),
        run_case("ga_5x3_k4x3_s3x2_p2x1_op2x1", img(5, 3, 2), frac_kernel(4, 3), "3x2", "1", "2x1", "2x1"),
        run_case("rgb_5x3_k3_s2x3_pads_1_0_2_3_op1x2", img(5, 3, 3), frac_kernel(3, 3), "2x3", "1", "1,0,2,3", "1x2"),
        run_case("rgb_4x4_k3_s2_pads_3_0_0_4", img(4, 4, 3), frac_kernel(3, 3), "2", "1", "3,0,0,4"),
        run_case("rgb_3x5_k3x2_s4x1_valid", img(3, 5, 3), frac_kernel(3, 2), "4x1", "1", "valid"),
        run_case("grey_4x3_k5_s2_valid_op1", img(4, 3, 1), frac_kernel(5, 5, -0.2, 0.5), "2", "1", "valid", "1"),
        run_case("rgba_5x3_k3x4_s2x3_same", img(5, 3, 4), frac_kernel(3, 4), "2x3", "1", "same"),
        run_case("grey_4x4_k3_s3_same_op2x1", img(4, 4, 1), frac_kernel(3, 3), "3", "1", "same", "2x1"),
        run_case("rgb_3x4_k3_s2_d2_same", img(3, 4, 3), frac_kernel(3, 3), "2", "2", "same"),
        run_case("rgb_3x4_k1x2_s2x3_same_zero_tail", img(3, 4, 3), frac_kernel(1, 2, 0.2, 1.2), "2x3", "1", "same"),
        run_case("ga_4x3_k2x3_s1x2_d3x2_p1_op2x1", img(4, 3, 2), frac_kernel(2, 3), "1x2", "3x2", "1", "2x1"),
        run_case("rgb_1x1_k3x2_s5", img(1, 1, 3), frac_kernel(3, 2, 0.1, 1.0), "5"),
        run_case("rgba_1x1_k4_s3_same", img(1, 1, 4), frac_kernel(4, 4, 0.1, 1.0), "3", "1", "same"),
        run_case("grey_1x1_k3_p1", img(1, 1, 1), as_float32([[0, 0.5, 0], [0.25, 1, -0.25], [0, 0.75, 0]]), "1", "1", "1"),
        run_case("rgb_4x5_laplacian_s2", img(4, 5, 3), as_float32([[0, -1, 0], [-1, 4, -1], [0, -1, 0]]), "2"),
        run_case("rgb_5x3_negative_k2x3_s1", img(5, 3, 3), frac_kernel(2, 3, -1.0, 1.0), "1"),
        run_case("rgb_5x3_bilinear_k4_s2_p1", img(5, 3, 3),
                 as_float32(np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25])), "2", "1", "1"),
        run_case("rgb_3x2_saturating_k3_s1", img(3, 2, 3), as_float32(np.full((3, 3), 0.9)), "1"),
        run_case("grey_2x7_k2x5_s3x2_d1x2_p0x3", img(2, 7, 1), frac_kernel(2, 5), "3x2", "1x2", "0x3"),
        # Edge modes: numpy.pad's 'edge' and 'reflect' before the scatter.
        run_case("pattern_5x3_rgb_bilinear_x2_replicate", pattern, as_float32(np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25])), "2", "1", "1", None, "replicate"),
        run_case("rgb_4x5_bilinear_x3_replicate", img(4, 5, 3),
                 as_float32(np.outer([1, 2, 3, 2, 1], [1, 2, 3, 2, 1]) / 9.0), "3", "1", "1", None, "replicate"),
        run_case("rgba_5x4_k3_s2_op1_reflect", img(5, 4, 4), frac_kernel(3, 3), "2", "1", "0", "1", "reflect"),
        run_case("pattern_5x3_rgb_ones_k3_s4_op1_replicate", pattern, as_float32(np.ones((3, 3))), "4", "1", "0", "1",
                 "replicate"),
        run_case("grey_1x6_k3_s2_p1_reflect_one_row", img(1, 6, 1), frac_kernel(3, 3), "2", "1", "1", None, "reflect"),
        run_case("ga_4x3_k4x3_s3x2_pads_2_0_1_3_replicate", img(4, 3, 2), frac_kernel(4, 3), "3x2", "1", "2,0,1,3", "2x1",
                 "replicate"),
        run_case("rgb_3x4_k3_s2_d2_same_reflect", img(3, 4, 3), frac_kernel(3, 3), "2", "2", "same", None, "reflect"),
        run_case("rgb_2x2_k5_s1_p2_reflect_far", img(2, 2, 3), frac_kernel(5, 5, -0.2, 0.5), "1", "1", "2", None, "reflect"),
        run_case("grey_1x1_k3_s2_reflect", img(1, 1, 1), frac_kernel(3, 3, 0.1, 1.0), "2", "1", "0", "1", "reflect"),
        run_case("rgb_3x5_negative_k2x3_s2x1_replicate", img(3, 5, 3), frac_kernel(2, 3, -1.0, 1.0), "2x1", "1", "0",
                 None, "replicate"),
    ]
    write_cases(OUT, "tests/reference/make_goldens.py", "torch.nn.functional.conv_transpose2d", cases)

    # --alpha premultiplied: colours hidden under transparent pixels, alpha from 0 to 255.
    def alpha_img(h, w, c):
        im = img(h, w, c)
        im[:, :, -1] = rng.choice([0, 0, 255, 255, 128, 1, 64], size=(h, w))
        return im

    bilinear4 = as_float32(np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25]))
    alpha_cases = [
        run_case("rgba_5x4_bilinear_x2_premultiplied", alpha_img(5, 4, 4), bilinear4, "2", "1", "1", alpha="premultiplied"),
        run_case("ga_4x5_k3_s2_op1_premultiplied", alpha_img(4, 5, 2), frac_kernel(3, 3, 0.0, 1.0), "2", "1", "0", "1",
                 alpha="premultiplied"),
        run_case("rgba_4x4_bilinear_x2_replicate_premultiplied", alpha_img(4, 4, 4), bilinear4, "2", "1", "1", None,
                 "replicate", alpha="premultiplied"),
        run_case("rgba_3x4_negative_k2x3_s2x1_premultiplied", alpha_img(3, 4, 4), frac_kernel(2, 3, -1.0, 1.0), "2x1",
                 alpha="premultiplied"),
    ]
    write_cases(ALPHA_OUT, "tests/reference/make_goldens.py", "torch.nn.functional.conv_transpose2d", alpha_cases)


if __name__ == "__main__":
    main()
