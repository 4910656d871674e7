#!/usr/bin/python3
"""JPEG, WebP and TIFF inputs made by PIL (libjpeg-turbo, libwebp, libtiff underneath) and .npy
arrays made by NumPy, each beside
the pixels PIL decodes from it in NAME.expected: a text line "H W C" then the H*W*C samples, row
by row, channels interleaved. tests/io/input/decode_codecs_test.cpp requires the same samples. PIL's JPEG decoder is libjpeg, the one ImageMagick and
vips use; its CMYK to RGB is R = 255 - K - C(255 - K)/255 rounded, on the inks (Adobe's inverted
samples undone).

Run with Debian's /usr/bin/python3 (python3-pil, python3-numpy); the outputs are checked in under
tests/fixtures/codecs/.
"""
import os

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "codecs")
H, W = 24, 40  # several 8x8 blocks and 16x16 macroblocks, one of them partial


def picture(channels):
    """Smooth gradients with an edge: chroma subsampling and the IDCT both show."""
    y, x = np.mgrid[0:H, 0:W]
    planes = [(x * 6 + y * 2) % 256, (y * 10) % 256, np.where(x > y + 8, 230, 20), 255 - (x * 3 + y * 4) % 256]
    return np.stack(planes[:channels], axis=2).astype(np.uint8)


def write_expected(path, a):
    h, w, c = a.shape
    with open(path, "wb") as f:
        f.write(b"%d %d %d\n" % (h, w, c))
        f.write(np.ascontiguousarray(a).tobytes())


def save_oriented(name, image, orientation, **options):
    from PIL import ImageOps

    exif = Image.Exif()
    exif[0x0112] = orientation
    save(name, image, exif=exif.tobytes(), **options)
    path = os.path.join(OUT, name)
    upright = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB"))
    write_expected(path + ".upright", upright)


def save_npy(name, array, samples):
    path = os.path.join(OUT, name)
    np.save(path, array)
    write_expected(path + ".expected", samples)


def save(name, image, **options):
    path = os.path.join(OUT, name)
    image.save(path, **options)
    decoded = Image.open(path)  # an animation's first frame
    decoded.load()
    mode = {"L": "L", "CMYK": "RGB", "RGB": "RGB", "RGBA": "RGBA", "LA": "LA", "P": "RGB"}[decoded.mode]
    a = np.asarray(decoded.convert(mode))
    write_expected(path + ".expected", a if a.ndim == 3 else a[:, :, None])


def main():
    os.makedirs(OUT, exist_ok=True)
    rgb = Image.fromarray(picture(3), "RGB")
    save("baseline_444.jpg", rgb, quality=90, subsampling=0)
    save("baseline_420.jpg", rgb, quality=75, subsampling=2)
    save("progressive.jpg", rgb, quality=85, progressive=True)
    save("grey.jpg", Image.fromarray(picture(1)[:, :, 0], "L"), quality=90)
    save("cmyk.jpg", Image.fromarray(picture(4), "CMYK"), quality=90)
    save("lossy.webp", rgb, quality=80)
    save("lossless_alpha.webp", Image.fromarray(picture(4), "RGBA"), lossless=True)
    save("rgb.tif", rgb, compression="tiff_deflate")
    save("grey.tif", Image.fromarray(picture(1)[:, :, 0], "L"))
    save("rgba.tif", Image.fromarray(picture(4), "RGBA"), compression="tiff_lzw")
    # Animations of 3 frames: the first is the image read, the 2 others are left out.
    frames = [Image.fromarray(np.roll(picture(4), 7 * i, axis=1), "RGBA") for i in range(3)]
    save("anim3.png", frames[0], save_all=True, append_images=frames[1:], duration=100)
    save("anim3.webp", frames[0], save_all=True, append_images=frames[1:], duration=100, lossless=True)
    # EXIF orientations 1..8 on a non-square JPEG (quality 100, 4:4:4) and 6 on a PNG (eXIf): NAME.expected
    # holds the stored pixels, NAME.upright what PIL's ImageOps.exif_transpose makes of them.
    for orientation in range(1, 9):
        save_oriented(f"orient{orientation}.jpg", rgb, orientation, quality=100, subsampling=0)
    save_oriented("orient6.png", rgb, 6)
    # .npy arrays as NumPy writes them, and the samples they mean: integers as they are, floats
    # rounded half away from zero (np.floor(v + 0.5) for v >= 0).
    a = picture(3)
    save_npy("rgb_u1.npy", a, a)
    grey = picture(1)[:, :, 0].astype(np.float32) + np.float32(0.5) * (np.arange(W) % 2)  # halves round up
    save_npy("grey_f4.npy", grey, np.floor(grey + 0.5).astype(np.uint8)[:, :, None])
    rgba = picture(4).astype(">i2")
    save_npy("rgba_be_i2.npy", rgba, rgba.astype(np.uint8))
    fortran = np.asfortranarray(picture(2).astype(np.float64))
    save_npy("ga_fortran_f8.npy", fortran, fortran.astype(np.uint8))
    half = picture(3).astype(np.float16)
    save_npy("rgb_f2.npy", half, np.floor(half.astype(np.float64) + 0.5).astype(np.uint8))


if __name__ == "__main__":
    main()
