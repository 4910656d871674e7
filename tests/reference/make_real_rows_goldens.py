#!/usr/bin/python3
"""Expected files for the real-valued outputs written a row at a time: `.npy` sums and `--scale` on an
image with alpha (premultiplied), computed by PyTorch's conv_transpose2d in float64 (make_goldens.py's
conv_window and premultiplied), not by tconv. tests/e2e/streamed_real.sh runs tconv on the inputs and
requires the very bytes of each .npy here (NumPy's own np.save of the float64 result rounded to float32)
and exactly the pixels of each *_pixels.npy.

Run with Debian's python3 (python3-torch, python3-numpy, python3-pil):
    /usr/bin/python3 tests/reference/make_real_rows_goldens.py
It rewrites tests/fixtures/real/*.png and tests/reference/goldens/real_rows/*.npy.

Every kernel here is bilinear 4x4 (weights k/16), so sums of whole samples are exact in any order and
equal tconv's to the bit. So are the premultiplied ones: each colour is a multiple of 255 / gcd(alpha,
255), which makes colour times alpha / 255 a whole number (any colour under alpha 0 or 255), and the
division by the summed alpha after is one rounding, the same in tconv and here.
"""
import os

import numpy as np
from PIL import Image

from make_goldens import conv_window, premultiplied, quantise

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "real")
GOLDENS = os.path.join(HERE, "goldens", "real_rows")
BILINEAR = np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25])  # -k bilinear at 4x4, stride 2


def save_npy(name, array):
    np.save(os.path.join(GOLDENS, name), array)


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    os.makedirs(GOLDENS, exist_ok=True)
    rng = np.random.default_rng(22)

    # RGBA: alphas of every kind, fully transparent and opaque ones among them, colours whose products
    # with their alpha are multiples of 255 (any colour under alpha 0: hidden colours).
    h, w = 20, 31
    alpha = rng.choice([0, 255, 15, 51, 85, 102, 170, 0, 255, 255], (h, w))
    alpha[3:9, 5:20] = 0  # a transparent patch with colours hidden in it
    step = 255 // np.gcd(alpha, 255)
    colour = rng.integers(0, 256, (h, w, 3)) // step[:, :, None] * step[:, :, None]
    rgba = np.concatenate([colour, alpha[:, :, None]], axis=2).astype(np.uint8)
    assert (rgba[:, :, :3].astype(np.int64) * rgba[:, :, 3:] % 255 == 0).all()
    Image.fromarray(rgba, "RGBA").save(os.path.join(FIXTURES, "rgba.png"))
    # --scale 2: -f 4 -s 2 -p 1 -k bilinear --edge replicate, premultiplied.
    sums = premultiplied(rgba, BILINEAR, "2", "1", "1", None, "replicate")
    save_npy("rgba_scale2.npy", sums.astype(np.float32))
    save_npy("rgba_scale2_pixels.npy", quantise(sums).astype(np.uint8))

    # 16-bit grey, reflected edges: straight sums far above 255.
    grey16 = rng.integers(0, 65536, (23, 19), dtype=np.uint16)
    Image.fromarray(grey16.astype(np.int32), "I").convert("I;16").save(os.path.join(FIXTURES, "grey16.png"))
    back = np.asarray(Image.open(os.path.join(FIXTURES, "grey16.png")))
    assert (back == grey16).all(), "PIL did not keep the 16-bit samples"
    sums = conv_window(grey16[:, :, None].astype(np.float64), BILINEAR, "2", "1", "1", None, "reflect")
    save_npy("grey16_reflect.npy", sums.astype(np.float32))

    # RGB with zero edges and an output padding.
    rgb = rng.integers(0, 256, (17, 26, 3), dtype=np.uint8)
    Image.fromarray(rgb, "RGB").save(os.path.join(FIXTURES, "rgb.png"))
    sums = conv_window(rgb.astype(np.float64), BILINEAR, "2", "1", "1", "1", "zero")
    save_npy("rgb_zero.npy", sums.astype(np.float32))


if __name__ == "__main__":
    main()
