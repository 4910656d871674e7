#!/usr/bin/python3
"""Small BMP, TGA, PSD and GIF files made by ImageMagick, in the layouts stb_image reads (BMP of 24
bits and of an 8-bit palette, uncompressed and run-length TGA, raw and run-length PSD, GIF), and
cuts.txt: for each, the lengths it is cut to by tests/io/stb/stb_guards_test.cpp and whether PIL reads
the cut file ("ok") or refuses it ("truncated": PIL's "image file is truncated" and the like). The
whole file is one of the cuts. tconv must read exactly the cuts PIL reads.

Run with Debian's /usr/bin/python3 (python3-pil, python3-numpy) and ImageMagick 6 (/usr/bin/convert);
the outputs are checked in under tests/fixtures/truncated/.
"""
import io
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "truncated")
CONVERT = "/usr/bin/convert"
H, W = 10, 13  # odd widths: BMP rows padded to 4 bytes

FILES = [
    ("rgb24.bmp", ["-compress", "none", "-type", "TrueColor"]),
    ("palette8.bmp", ["-compress", "none", "-type", "Palette", "BMP3:"]),
    ("rgb.tga", ["-compress", "none"]),
    ("rle.tga", ["-compress", "RLE"]),
    ("raw.psd", ["-compress", "none"]),
    ("rle.psd", ["-compress", "RLE"]),
    ("image.gif", []),
]


def pil_reads(data):
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
        return True
    except (OSError, SyntaxError, ValueError):
        return False


def main():
    os.makedirs(OUT, exist_ok=True)
    y, x = np.mgrid[0:H, 0:W]
    rgb = np.dstack([x * 19, y * 25, (x * y * 7) % 256]).astype(np.uint8)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "in.png")
        Image.fromarray(rgb).save(png)
        for name, options in FILES:
            path = os.path.join(OUT, name)
            target = options[-1] + path if options and options[-1].endswith(":") else path
            subprocess.run([CONVERT, png] + [o for o in options if not o.endswith(":")] + [target], check=True)
            data = open(path, "rb").read()
            assert pil_reads(data), name
            cuts = sorted({len(data) * k // 16 for k in range(1, 16)} | {len(data) - 1, len(data)})
            for cut in cuts:
                lines.append("%s %d %s" % (name, cut, "ok" if pil_reads(data[:cut]) else "truncated"))
    with open(os.path.join(OUT, "cuts.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
