#!/usr/bin/python3
"""Goldens for `--scale S` with -k bilinear: PyTorch's F.interpolate(scale_factor=S, mode='bilinear',
align_corners=False), which tconv's --scale (k = 2S - S%2, padding S/2, edges replicated) must equal up to
rounding, border included. Computed by PyTorch in float64, not by tconv.

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_scale_goldens.py
It rewrites tests/reference/goldens/scale_interpolate.txt; tests/cli/scale_golden_test.cpp reads it.

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


def run_case(name, image, scale):
    h, w, c = image.shape
    sh, sw = (int(scale), int(scale)) if "x" not in scale else tuple(int(v) for v in scale.split("x"))
    x = torch.from_numpy(image.transpose(2, 0, 1).astype(np.float64)).unsqueeze(0)
    y = F.interpolate(x, scale_factor=(sh, sw), mode="bilinear", align_corners=False)[0].numpy().transpose(1, 2, 0)
    frac = y - np.floor(y)
    near = np.flatnonzero(((np.abs(frac - 0.5) < NEAR_HALF) & (y > 0) & (y < 255)).reshape(-1))
    if all(v & (v - 1) == 0 for v in (sh, sw)):
        near = near[:0]  # power-of-two scales have dyadic weights: exact in float too, so a .5 must round up
    expected = np.floor(np.clip(y, 0.0, 255.0) + 0.5).astype(np.int64)
    return "\n".join([
        f"case {name}",
        f"input {h} {w} {c}",
        f"scale {scale}",
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
        run_case("rgba_4x3_x4", img(4, 3, 4), "4"),
        run_case("grey_1x5_x2", img(1, 5, 1), "2"),
        run_case("ga_3x4_x2x3", img(3, 4, 2), "2x3"),
        run_case("rgb_2x2_x5", img(2, 2, 3), "5"),
        run_case("rgb_6x1_x3x1", img(6, 1, 3), "3x1"),
    ]
    write_cases(OUT, "tests/reference/make_scale_goldens.py", "torch.nn.functional.interpolate", cases)


if __name__ == "__main__":
    main()
