# A small PNG decoder on Python's standard library (zlib), so that end-to-end tests can read the
# pixels tconv writes without PIL: 8- and 16-bit grey, grey+alpha, RGB and RGBA, non-interlaced.
import struct
import zlib


def read_png(path):
    """Returns (height, width, channels, rows), rows[y][x] a tuple of `channels` ints 0..255 (0..65535 for a
    16-bit PNG, whose depth read_png_depth gives)."""
    return read_png_depth(path)[:4]


def read_png_depth(path):
    """(height, width, channels, rows, depth): read_png's result and the bits per sample, 8 or 16."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            raise ValueError(f"{path}: bad CRC in {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 4: 2, 2: 3, 6: 4}.get(colour)
    if depth not in (8, 16) or channels is None or interlace != 0:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(idat)
    bpp = channels * depth // 8  # the byte distance the filters look back
    stride = width * bpp
    rows, previous, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            up_left = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + predictor) & 255
            elif kind != 0:
                raise ValueError(f"{path}: bad filter type {kind}")
        if depth == 16:
            samples = [line[i] << 8 | line[i + 1] for i in range(0, stride, 2)]
        else:
            samples = list(line)
        rows.append([tuple(samples[x * channels:(x + 1) * channels]) for x in range(width)])
        previous = line
    return height, width, channels, rows, depth
