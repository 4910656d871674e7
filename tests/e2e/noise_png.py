# Writes an RGB noise PNG with the standard library (zlib level 1): real work for the PNG encoder,
# which cannot shrink noise. usage: python3 noise_png.py SIZE SEED PATH
import random
import struct
import sys
import zlib

size, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
raw = b"".join(b"\0" + bytes(rng.getrandbits(8) for _ in range(size * 3)) for _ in range(size))


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
