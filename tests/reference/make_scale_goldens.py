#!/usr/bin/python3
"""Goldens for `--scale S` with -k bilinear: PyTorch's F.interpolate(scale_factor=S, mode='bilinear',
align_corners=False), which tconv's --scale (k = 2S - S%2, padding S/2, edges replicated) must equal up to
rounding, border included. Computed by PyTorch in float64, not by tconv.

Images with alpha come twice: `alpha straight` is F.interpolate of every channel, alpha included (what
--alpha straight gives); `alpha premultiplied` is the resize of ImageMagick and vips written in torch:
colours times alpha / 255, F.interpolate, colours divided by the interpolated alpha / 255 (0 where it is
0), which --scale does by default on an image with alpha.

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_scale_goldens.py
It rewrites tests/reference/goldens/scale_interpolate.txt; tests/cli/options/geometry_scale_test.cpp reads it.

Quantisation: clamp to [0, 255], round half away from zero. Pixels whose exact value lies within NEAR_HALF
of a .5 boundary are listed per case (tconv sums in float, where weights like 1/3 are not exact); the test
allows +-1 there, except at power-of-two scales, whose weights are dyadic and whose sums are exact.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

from golden_file import write_cases

NEAR_HALF = 1e-3
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "scale_interpolate.txt")


def interpolate(image, sh, sw):
    """F.interpolate of a float64 [H, W, C] image, as [OH, OW, C]."""
    x = torch.from_numpy(image.transpose(2, 0, 1)).unsqueeze(0)
    return F.interpolate(x, scale_factor=(sh, sw), mode="bilinear", align_corners=False)[0].numpy().transpose(1, 2, 0)


def premultiplied_interpolate(image, sh, sw):
    """Colours weighted by alpha (the last channel) through F.interpolate, divided by its alpha after."""
    weighted = image.copy()
    weighted[:, :, :-1] *= image[:, :, -1:] / 255.0
    y = interpolate(weighted, sh, sw)
    # Where every alpha interpolated is 0 the exact alpha is 0, but weights like 1/3 leave float64 noise
    # (~1e-16) there, and noise / noise would give a colour: such an alpha is taken as the 0 it is.
    y[:, :, -1:][np.abs(y[:, :, -1:]) < 1e-9] = 0.0
    a = y[:, :, -1:]
    colour = np.where(a > 0, y[:, :, :-1] * 255.0 / np.where(a > 0, a, 1.0), 0.0)
    return np.concatenate([colour, a], axis=2)


def run_case(name, image, scale, alpha=None):
    h, w, c = image.shape
    sh, sw = (int(scale), int(scale)) if "x" not in scale else tuple(int(v) for v in scale.split("x"))
    pixels = image.astype(np.float64)
    y = premultiplied_interpolate(pixels, sh, sw) if alpha == "premultiplied" else interpolate(pixels, sh, sw)
    frac = y - np.floor(y)
    near = np.flatnonzero(((np.abs(frac - 0.5) < NEAR_HALF) & (y > 0) & (y < 255)).reshape(-1))
    if all(v & (v - 1) == 0 for v in (sh, sw)) and alpha != "premultiplied":
        near = near[:0]  # power-of-two scales have dyadic weights: exact in float too, so a .5 must round up
    expected = np.floor(np.clip(y, 0.0, 255.0) + 0.5).astype(np.int64)
    return "\n".join([
        f"case {name}",
        f"input {h} {w} {c}",
        f"scale {scale}",
    ] + ([f"alpha {alpha}"] if alpha else []) + [
        f"output {y.shape[0]} {y.shape[1]}",
        "pixels " + " ".join(str(int(v)) for v in image.reshape(-1)),
        "expected " + " ".join(str(int(v)) for v in expected.reshape(-1)),
        "near_half " + " ".join(str(int(i)) for i in near),
        "end",
    ])


def main():
    rng = np.random.default_rng(20261201)

    def img(h, w, c):
        return rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)

    cases = [
        run_case("rgb_5x7_x2", img(5, 7, 3), "2"),
        run_case("rgb_5x7_x3", img(5, 7, 3), "3"),
        run_case("rgba_4x3_x4", img(4, 3, 4), "4", "straight"),
        run_case("grey_1x5_x2", img(1, 5, 1), "2"),
        run_case("ga_3x4_x2x3", img(3, 4, 2), "2x3", "straight"),
        run_case("rgb_2x2_x5", img(2, 2, 3), "5"),
        run_case("rgb_6x1_x3x1", img(6, 1, 3), "3x1"),
    ]
    # After the cases above, so that their images (and the file's lines for them) stay as they were.
    rgba = img(5, 4, 4)
    rgba[0, :, 3] = 0  # a transparent row whose colours must not bleed in
    rgba[1, 1, 3] = 0
    ga = img(3, 5, 2)
    ga[:, 0, 1] = 0
    cases += [
        run_case("rgba_5x4_x4_premultiplied", rgba, "4", "premultiplied"),
        run_case("rgba_5x4_x3_premultiplied", rgba, "3", "premultiplied"),
        run_case("ga_3x5_x2x3_premultiplied", ga, "2x3", "premultiplied"),
    ]
    write_cases(OUT, "tests/reference/make_scale_goldens.py", "torch.nn.functional.interpolate", cases)


if __name__ == "__main__":
    main()
