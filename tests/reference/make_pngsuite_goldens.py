#!/usr/bin/env python3
"""PngSuite as libpng decodes it: one line per valid image of ../shared/pngsuite (the x*.png files
are the corrupt ones), `NAME H W C D SHA256`, the hash of its samples as tconv's identity run writes
them: C channels as the file has them (grey 1, grey+alpha 2, RGB or palette 3, RGBA 4, tRNS adding
alpha), D bits per sample: 16 for a 16-bit file (the samples big-endian, as PNG stores them), else 8
(lower depths scale to 0..255).

The samples come from libpng through netpbm's pngtopnm (and `pngtopnm -alpha` for the alpha),
which applies no gamma or background. pngtopnm scales a file with an sBIT chunk to its significant
bits, which libpng's plain decoding does not, so those few files are read by PIL instead (its own
decoder), and the one 16-bit one (PIL reads 16-bit RGB as 8 bits) by libvips (`vips rawsave`); every
8-bit file that both PIL and libpng read is checked to agree. Regenerate (Debian 12 with netpbm,
libvips-tools, python3-pil and python3-numpy):

    /usr/bin/python3 tests/reference/make_pngsuite_goldens.py /work/shared/pngsuite > tests/reference/goldens/pngsuite.txt
"""
import hashlib
import os
import struct
import subprocess
import sys

import numpy as np


def chunks(data):
    pos = 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        yield data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length


def to8(values, maxval):
    """Samples 0..maxval as 8 bits (lower depths scale exactly); 16-bit samples stay 16-bit."""
    values = values.astype(np.int64)
    return values.astype(np.uint16) if maxval == 65535 else (values * 255 // maxval).astype(np.uint8)


def read_pnm(data):
    """(array H x W x C, maxval) of the P4/P5/P6 netpbm writes (no comments); P4 is 1 for black."""
    fields, pos = [], 0
    while len(fields) < (3 if data[:2] == b"P4" else 4):
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1
    width, height = int(fields[1]), int(fields[2])
    if fields[0] == b"P4":
        rows = np.frombuffer(data[pos:], dtype="u1", count=height * ((width + 7) // 8)).reshape(height, -1)
        return (1 - np.unpackbits(rows, axis=1)[:, :width])[:, :, None], 1
    maxval = int(fields[3])
    channels = 1 if fields[0] == b"P5" else 3
    dtype = ">u2" if maxval > 255 else "u1"
    return np.frombuffer(data[pos:], dtype=dtype, count=width * height * channels).reshape(height, width, channels), maxval


def by_libpng(path, alpha, trns_colour):
    image = subprocess.run(["pngtopnm", path], check=True, capture_output=True).stdout
    samples, maxval = read_pnm(image)
    planes = [to8(samples, maxval)]
    if trns_colour is not None:
        # The PNG rule, on libpng's own samples: transparent where the pixel equals the tRNS colour
        # (pngtopnm -alpha leaves RGB files with tRNS opaque).
        opaque = np.any(samples.astype(np.int64) != np.array(trns_colour), axis=2, keepdims=True)
        planes.append((opaque * (65535 if maxval == 65535 else 255)).astype(planes[0].dtype))
    elif alpha:
        a, amax = read_pnm(subprocess.run(["pngtopnm", "-alpha", path], check=True, capture_output=True).stdout)
        planes.append(to8(a, amax))
    return np.concatenate(planes, axis=2)


def by_vips(path, height, width, channels):
    """libvips' samples of a 16-bit PNG, as stored (no sBIT scaling)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["vips", "rawsave", path, f"{tmp}/raw"], check=True)
        return np.fromfile(f"{tmp}/raw", dtype="=u2").reshape(height, width, channels)


def by_pil(path, depth, colour, trns):
    from PIL import Image

    im = Image.open(path)
    if colour == 3:
        a = np.asarray(im.convert("RGBA" if trns else "RGB"))
    elif colour in (0, 4) and im.mode in ("I", "I;16", "I;16B"):
        a = to8(np.asarray(im), 65535)[:, :, None]
    else:
        a = np.asarray(im.convert({0: "L", 4: "LA", 2: "RGB", 6: "RGBA"}[colour]))
    if a.ndim == 2:
        a = a[:, :, None]
    return a


def main(suite):
    for name in sorted(os.listdir(suite)):
        if not name.endswith(".png") or name.startswith("x"):
            continue
        path = os.path.join(suite, name)
        data = open(path, "rb").read()
        kinds = {kind: body for kind, body in chunks(data)}
        width, height, depth, colour = struct.unpack(">IIBB", kinds[b"IHDR"][:10])
        trns = b"tRNS" in kinds
        alpha = trns or colour in (4, 6)
        pil = by_pil(path, depth, colour, trns)
        if b"sBIT" in kinds and depth == 16:
            if trns or colour not in (0, 2):
                raise ValueError(f"{name}: 16-bit with sBIT and alpha, which is not read here")
            samples = by_vips(path, height, width, 1 if colour == 0 else 3)
        elif b"sBIT" in kinds:
            if trns and colour in (0, 2):
                raise ValueError(f"{name}: tRNS on grey or RGB with sBIT, which PIL's alpha is not used for here")
            samples = pil
        else:
            trns_colour = None
            if trns and colour in (0, 2):
                trns_colour = list(struct.unpack(">" + "H" * (len(kinds[b"tRNS"]) // 2), kinds[b"tRNS"]))
                if colour == 0 and depth == 1:  # pngtopnm's P4 holds 1 for black
                    trns_colour = [1 - trns_colour[0]]
            samples = by_libpng(path, alpha, trns_colour)
            if depth != 16 and pil.shape == samples.shape and not np.array_equal(pil, samples) and not (trns and colour in (0, 2)):
                raise ValueError(f"{name}: PIL and libpng disagree")
        assert samples.shape == (height, width, {0: 1, 4: 2, 2: 3, 3: 3, 6: 4}[colour] + (1 if trns else 0)), name
        bits = 16 if depth == 16 else 8
        stored = samples.astype(">u2" if bits == 16 else "u1")
        print(name, height, width, samples.shape[2], bits, hashlib.sha256(np.ascontiguousarray(stored).tobytes()).hexdigest())


if __name__ == "__main__":
    main(sys.argv[1])
