#!/usr/bin/python3
"""A white disc with a soft edge on a transparent black ground, and ImageMagick's 4x resize of it, the
reference for what `tconv --scale 4` does to an image with alpha by default.

ImageMagick's `-filter Triangle -resize 400%` is bilinear with pixel centres aligned (F.interpolate's
align_corners=False) and its edge weights renormalised (edges replicated), computed with colours weighted
by alpha: the disc stays white (255) wherever it is not fully transparent. Convolving straight alpha
instead averages white with the black under the transparent ground, and greys the soft edge.

Run with Debian's python3 (python3-numpy, python3-pil) and ImageMagick's `convert`:
    /usr/bin/python3 tests/reference/make_alpha_resize_goldens.py
It rewrites tests/fixtures/alpha/white_disc.png and tests/reference/goldens/white_disc_x4_imagemagick.png;
tests/e2e/scale_alpha.sh reads both.
"""
import os
import subprocess

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
DISC = os.path.join(HERE, "..", "fixtures", "alpha", "white_disc.png")
RESIZED = os.path.join(HERE, "goldens", "white_disc_x4_imagemagick.png")


def main():
    n, radius = 12, 3.6
    centre = (n - 1) / 2
    y, x = np.mgrid[0:n, 0:n]
    # Opaque inside the radius, fading to transparent over 1.5 pixels.
    alpha = np.clip((radius + 0.5 - np.hypot(y - centre, x - centre)) / 1.5, 0, 1) * 255
    alpha = np.floor(alpha + 0.5).astype(np.uint8)
    disc = np.zeros((n, n, 4), np.uint8)
    disc[:, :, 3] = alpha
    disc[alpha > 0, :3] = 255
    os.makedirs(os.path.dirname(DISC), exist_ok=True)
    Image.fromarray(disc, "RGBA").save(DISC)
    # PNG32 keeps RGBA, where ImageMagick would write this grey image as grey+alpha; no dates, so a rerun
    # leaves the file as it was.
    subprocess.run(["convert", DISC, "-filter", "Triangle", "-resize", "400%", "-define", "png:exclude-chunks=date,time",
                    "PNG32:" + RESIZED], check=True)
    out = np.asarray(Image.open(RESIZED))
    edge = (out[:, :, 3] > 0) & (out[:, :, 3] < 255)
    print(f"wrote {DISC} and {RESIZED}: {edge.sum()} soft-edge pixels, mean RGB {out[edge][:, :3].mean():.1f}")


if __name__ == "__main__":
    main()
