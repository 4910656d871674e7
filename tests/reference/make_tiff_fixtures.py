#!/usr/bin/python3
"""TIFFs that libtiff's RGBA interface reads wrongly, each beside the samples an outside reader
decodes from it, for tests/io/tiff_samples_test.cpp:

- assoc_alpha.tif: ImageMagick's `-define tiff:alpha=associated` (premultiplied) RGBA, a white logo
  with an anti-aliased edge; expected: PIL's RGBA (ImageMagick's is the same);
- assoc_alpha16.tif: the same at 16 bits; expected: ImageMagick's `-depth 16 rgba:`;
- int16.tif, int8.tif: signed grey written by tifffile; expected: ImageMagick's `-depth 16 gray:`
  for int16 (the value + 32768); for int8, tifffile's values + 128, the same offset at 8 bits
  (ImageMagick wraps int8 as if unsigned, vips clamps it at 0: neither keeps the order);
- float16.tif, float32_rgb.tif: floats, 0..1 meaning black..white, values outside it and a NaN;
  expected: ImageMagick's `-depth 16 gray:` / `rgb:`;
- tiled16_rgb.tif: 16-bit RGB in 16x16 uncompressed tiles (vips), planar16_rgb.tif: 16-bit RGB in
  separate planes (ImageMagick's -interlace plane), tiled48_rgb.tif: 8-bit RGB in 48x48 uncompressed tiles
  (vips); expected: tifffile's samples (its own reader, not libtiff);
- tiled16_palette4.tif: a 4-bit palette in 16x16 uncompressed tiles (ImageMagick), read through
  libtiff's RGBA interface; expected: PIL's RGB.

NAME.expected: a text line "H W C DEPTH" then the H*W*C samples, row by row, channels interleaved,
16-bit ones little-endian. Run with Debian's /usr/bin/python3 (python3-pil, python3-numpy,
python3-tifffile), ImageMagick 6 (/usr/bin/convert), and vips; the outputs
are checked in under tests/fixtures/tiff/.
"""
import os
import subprocess
import tempfile

import numpy as np
import tifffile
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "tiff")
CONVERT = "/usr/bin/convert"


def write_expected(name, a):
    a = a if a.ndim == 3 else a[:, :, None]
    h, w, c = a.shape
    depth = 16 if a.dtype == np.uint16 else 8
    with open(os.path.join(OUT, name + ".expected"), "wb") as f:
        f.write(b"%d %d %d %d\n" % (h, w, c, depth))
        f.write(np.ascontiguousarray(a.astype("<u2" if depth == 16 else np.uint8)).tobytes())


def magick_samples(name, shape, mapping):
    """ImageMagick's decoding of NAME as 16-bit samples in `mapping` order (gray, rgb, rgba)."""
    raw = subprocess.run([CONVERT, os.path.join(OUT, name), "-depth", "16", "-endian", "LSB", mapping + ":-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, "<u2").reshape(shape)


def logo(h, w, maximum):
    """White on transparent: a disc whose edge is anti-aliased, plus a coloured stripe."""
    y, x = np.mgrid[0:h, 0:w]
    distance = np.hypot(x - w / 2 + 0.5, y - h / 2 + 0.5)
    alpha = np.clip((min(h, w) / 2.5 - distance) / 2.5, 0, 1)
    rgb = np.ones((h, w, 3))
    rgb[:, :, 2] = np.where(x < 3, 0.2, 1.0)
    return np.round(np.dstack([rgb, alpha]) * maximum)


def associated(tmp):
    png = os.path.join(tmp, "logo.png")
    Image.fromarray(logo(12, 16, 255).astype(np.uint8), "RGBA").save(png)
    subprocess.run([CONVERT, png, "-define", "tiff:alpha=associated", os.path.join(OUT, "assoc_alpha.tif")], check=True)
    write_expected("assoc_alpha.tif", np.asarray(Image.open(os.path.join(OUT, "assoc_alpha.tif")).convert("RGBA")))
    png16 = os.path.join(tmp, "logo16.png")
    tifffile.imwrite(os.path.join(tmp, "logo16.tif"), logo(12, 16, 65535).astype(np.uint16), photometric="rgb",
                     extrasamples=[2])
    subprocess.run([CONVERT, os.path.join(tmp, "logo16.tif"), png16], check=True)
    subprocess.run([CONVERT, png16, "-define", "tiff:alpha=associated", "-depth", "16",
                    os.path.join(OUT, "assoc_alpha16.tif")], check=True)
    write_expected("assoc_alpha16.tif", magick_samples("assoc_alpha16.tif", (12, 16, 4), "rgba"))


def signed_and_float():
    int16 = np.array([[-185, 0, 100, -32768, 32767], [5, -1, 1000, -20000, 20000]], dtype=np.int16)
    tifffile.imwrite(os.path.join(OUT, "int16.tif"), int16, photometric="minisblack")
    write_expected("int16.tif", magick_samples("int16.tif", int16.shape, "gray"))
    int8 = np.array([[-128, -1, 0, 1, 127], [-100, 50, -50, 100, 3]], dtype=np.int8)
    tifffile.imwrite(os.path.join(OUT, "int8.tif"), int8, photometric="minisblack")
    write_expected("int8.tif", (tifffile.imread(os.path.join(OUT, "int8.tif")).astype(int) + 128).astype(np.uint8))
    half = np.array([[85.44, 0, 1.0, 0.5, 0.25], [-1, 2.5, 0.1, 0.333, np.nan]], dtype=np.float16)
    tifffile.imwrite(os.path.join(OUT, "float16.tif"), half, photometric="minisblack")
    write_expected("float16.tif", magick_samples("float16.tif", half.shape, "gray"))
    y, x = np.mgrid[0:3, 0:5]
    rgb = np.dstack([x / 4, y / 2.0 - 0.25, (x * y) / 7.0 + 0.01]).astype(np.float32)
    tifffile.imwrite(os.path.join(OUT, "float32_rgb.tif"), rgb, photometric="rgb")
    write_expected("float32_rgb.tif", magick_samples("float32_rgb.tif", rgb.shape, "rgb"))


def layouts(tmp):
    y, x = np.mgrid[0:20, 0:21]
    rgb16 = np.dstack([x * 3001 + 7, y * 3203 + 11, (x * y * 157) % 65536]).astype(np.uint16)
    png16 = os.path.join(tmp, "rgb16.png")
    tmp_tif = os.path.join(tmp, "rgb16.tif")
    tifffile.imwrite(tmp_tif, rgb16, photometric="rgb")
    subprocess.run(["vips", "copy", tmp_tif, png16], check=True)
    subprocess.run(["vips", "copy", png16, os.path.join(OUT, "tiled16_rgb.tif") + "[tile,tile-width=16,tile-height=16]"],
                   check=True)
    subprocess.run([CONVERT, png16, "-interlace", "plane", "-compress", "zip", os.path.join(OUT, "planar16_rgb.tif")],
                   check=True)
    y, x = np.mgrid[0:30, 0:50]
    rgb8 = np.dstack([x * 5, y * 8, (x + y) * 3]).astype(np.uint8)
    png8 = os.path.join(tmp, "rgb8.png")
    Image.fromarray(rgb8).save(png8)
    subprocess.run(["vips", "copy", png8, os.path.join(OUT, "tiled48_rgb.tif") + "[tile,tile-width=48,tile-height=48]"],
                   check=True)
    subprocess.run([CONVERT, png8, "-colors", "16", "-type", "palette", "-define", "tiff:tile-geometry=16x16", "-compress",
                    "none", os.path.join(OUT, "tiled16_palette4.tif")], check=True)
    write_expected("tiled16_palette4.tif", np.asarray(Image.open(os.path.join(OUT, "tiled16_palette4.tif")).convert("RGB")))
    for name in ("tiled16_rgb.tif", "planar16_rgb.tif", "tiled48_rgb.tif"):
        samples = tifffile.imread(os.path.join(OUT, name))
        write_expected(name, np.moveaxis(samples, 0, -1) if name.startswith("planar") else samples)  # planes first


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        associated(tmp)
        signed_and_float()
        layouts(tmp)


if __name__ == "__main__":
    main()
