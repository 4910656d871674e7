# Writes a noise PNG with the standard library (zlib level 1): real work for the PNG encoder, which
# cannot shrink noise. RGB at 8 bits unless told: CHANNELS 1 to 4 (grey, grey + alpha, RGB, RGBA),
# DEPTH 8 or 16. usage: python3 noise_png.py SIZE SEED PATH [CHANNELS [DEPTH]]
import random
import struct
import sys
import zlib

size, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
channels = int(sys.argv[4]) if len(sys.argv) > 4 else 3
depth = int(sys.argv[5]) if len(sys.argv) > 5 else 8
colour_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
rng = random.Random(seed)
row_bytes = size * channels * depth // 8
raw = b"".join(b"\0" + bytes(rng.getrandbits(8) for _ in range(row_bytes)) for _ in range(size))


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, depth, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
