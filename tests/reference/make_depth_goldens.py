#!/usr/bin/python3
"""A 16-bit RGB input in three containers and PyTorch's 16-bit result for it, for tests/e2e/depth.sh.

The 9x7 input's samples are random 0..65535 (low bytes unrelated to high bytes). NumPy writes it as a
binary PPM (P6, maxval 65535, big-endian: netpbm's format); ImageMagick (Q16) converts that PPM to
a 16-bit PNG and a 16-bit TIFF. The expected output is torch.nn.functional.conv_transpose2d in
float64 with C3's geometry (-f 4 -s 2 -p 1 -k bilinear: the FCN tent [0.25, 0.75, 0.75, 0.25] per
axis), clamped to [0, 65535] and rounded half away from zero, written as a 16-bit PPM.

Run with Debian's /usr/bin/python3 (python3-torch, python3-numpy) and imagemagick; the outputs are
checked in under tests/fixtures/depth/.
"""
import os
import subprocess

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "depth")


def write_ppm(path, a):
    h, w, _ = a.shape
    with open(path, "wb") as f:
        f.write(f"P6\n{w} {h}\n65535\n".encode() + a.astype(">u2").tobytes())


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(13)
    a = rng.integers(0, 65536, size=(9, 7, 3), dtype=np.int64)
    a[0, 0] = (65535, 0, 32768)  # the extremes and a half-way value
    a[0, 1] = (65535, 65535, 1)
    write_ppm(f"{OUT}/rgb16.ppm", a)
    subprocess.run(["convert", f"{OUT}/rgb16.ppm", "-depth", "16", "-define", "png:exclude-chunks=date,time",
                    f"{OUT}/rgb16.png"], check=True)
    subprocess.run(["convert", f"{OUT}/rgb16.ppm", "-depth", "16", "-compress", "zip", f"{OUT}/rgb16.tif"], check=True)
    tent = torch.tensor([0.25, 0.75, 0.75, 0.25], dtype=torch.float64)
    w = torch.outer(tent, tent).reshape(1, 1, 4, 4).repeat(3, 1, 1, 1)
    x = torch.from_numpy(a.transpose(2, 0, 1).astype(np.float64)).unsqueeze(0)
    y = F.conv_transpose2d(x, w, stride=2, padding=1, groups=3)[0].numpy().transpose(1, 2, 0)
    expected = np.floor(np.clip(y, 0, 65535) + 0.5).astype(np.int64)
    write_ppm(f"{OUT}/rgb16_bilinear_x2.ppm", expected)
    print(f"wrote {OUT}: input {a.shape}, expected {expected.shape}")


if __name__ == "__main__":
    main()
