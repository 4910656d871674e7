#!/usr/bin/python3
# The inputs the performance targets were measured on: keep the pictures unchanged, or the figures move.
"""Deterministic natural-ish RGB test images for the performance measurements.

Smooth colour gradients + low-frequency value noise (a "sky/terrain" look) + filled shapes
(discs, rectangles, thick lines) with soft edges + mild per-pixel sensor noise (sigma ~3).
This compresses like a photo-ish PNG (neither trivially flat nor pure noise).

Writes /tmp/perf/in{512,1024,2048}.png  (RGB, 8-bit) and in1024_16.png (RGB, 16-bit: the same picture
before its rounding to 8 bits, times 257, so that each sample's low byte carries its own information).
Usage: /usr/bin/python3 make_inputs.py [OUTDIR]
"""
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image


def value_noise(rng, n, cells):
    """Bilinearly interpolated random lattice -> smooth noise in [0,1], shape (n, n)."""
    lat = rng.random((cells + 1, cells + 1))
    t = np.linspace(0, cells, n, endpoint=False)
    i = t.astype(int)
    f = t - i
    f = f * f * (3 - 2 * f)  # smoothstep
    a = lat[i][:, i]
    b = lat[i][:, i + 1]
    c = lat[i + 1][:, i]
    d = lat[i + 1][:, i + 1]
    fx = f[None, :]
    fy = f[:, None]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


def make_float(n, seed=1234):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:n, 0:n].astype(np.float64) / n
    img = np.zeros((n, n, 3))
    # smooth gradients
    img[..., 0] = 200 * (1 - y) + 40 * x
    img[..., 1] = 120 + 80 * np.sin(3.1 * x + 1.3 * y)
    img[..., 2] = 60 + 150 * y
    # low-frequency "terrain" noise at 3 octaves
    for cells, amp in ((4, 60), (16, 25), (64, 10)):
        nz = value_noise(rng, n, cells) - 0.5
        img += amp * nz[..., None] * np.array([1.0, 0.8, 0.6])
    # soft-edged shapes
    for _ in range(40):
        cx, cy, r = rng.random(), rng.random(), 0.02 + 0.12 * rng.random()
        col = rng.integers(0, 256, 3)
        kind = rng.integers(0, 3)
        if kind == 0:  # disc
            dist = np.sqrt((x - cx) ** 2 + (y - cy) ** 2) - r
        elif kind == 1:  # axis-aligned rectangle
            dist = np.maximum(np.abs(x - cx) - r, np.abs(y - cy) - 0.6 * r)
        else:  # thick line through (cx,cy)
            ang = rng.random() * np.pi
            dist = np.abs((x - cx) * np.sin(ang) - (y - cy) * np.cos(ang)) - 0.01 * (1 + 3 * rng.random())
        alpha = np.clip(0.5 - dist * n / 2.0, 0, 1)[..., None] * 0.85
        img = img * (1 - alpha) + col * alpha
    # sensor noise
    img += rng.normal(0, 3.0, img.shape)
    return img


def make(n, seed=1234):
    return np.clip(np.rint(make_float(n, seed)), 0, 255).astype(np.uint8)


def make16(n, seed=1234):
    return np.clip(np.rint(make_float(n, seed) * 257), 0, 65535).astype(np.uint16)


def write_png16(path, a):
    """An RGB PNG of 16-bit samples (PIL writes none): IHDR, one zlib stream of unfiltered rows, IEND."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    h, w, _ = a.shape
    rows = b"".join(b"\0" + a[y].astype(">u2").tobytes() for y in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/perf"
    os.makedirs(out, exist_ok=True)
    for n in (512, 1024, 2048):
        p = os.path.join(out, f"in{n}.png")
        Image.fromarray(make(n), "RGB").save(p)
        print(p, os.path.getsize(p), "bytes")
    p = os.path.join(out, "in1024_16.png")
    write_png16(p, make16(1024))
    print(p, os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
