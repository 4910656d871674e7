#!/usr/bin/python3
"""Inputs that carry metadata, made by PIL (libpng-free PNG writer, libjpeg-turbo, libwebp, libtiff
underneath), for tests/e2e/metadata.sh and tests/io/metadata/image_metadata_test.cpp:

- icc_exif_phys.png: iCCP (Ghostscript's ROMM-RGB profile, a real one), eXIf (Orientation 6, the
  Exif IFD's PixelXDimension 5 / PixelYDimension 3), pHYs 300 dpi, gAMA and cHRM;
- srgb.png: sRGB (perceptual), with the gAMA and cHRM that libpng writes beside it;
- icc_exif.jpg: APP2 ROMM-RGB, APP1 EXIF as above, JFIF 300 dpi;
- split_icc.jpg: icc_exif.jpg with its profile cut into two APP2 segments stored in reverse
  sequence order (ICC.1 Annex B.4 allows any order; the sequence numbers give it);
- cmyk_icc.jpg: CMYK with Ghostscript's default CMYK profile (187 KB: three APP2 segments, as PIL
  splits it); cmyk_icc.jpg.icc holds "SIZE CRC32" of the profile PIL reads back;
- icc_exif.webp: lossless, ICCP ROMM-RGB and EXIF as above;
- icc_res.tif: ICC ROMM-RGB (tag 34675), 300 dpi, Orientation 6;
- rommrgb.icc: the profile itself, for byte-for-byte comparisons.

Run with Debian's /usr/bin/python3 (python3-pil) and Ghostscript's profiles (package
ghostscript: /usr/share/color/icc/ghostscript/); the outputs are checked in under
tests/fixtures/metadata/.
"""
import os
import shutil
import struct
import zlib

from PIL import Image, PngImagePlugin

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "metadata")
GS = "/usr/share/color/icc/ghostscript"
W, H = 5, 3


def picture(mode):
    im = Image.new(mode, (W, H))
    for y in range(H):
        for x in range(W):
            v = (x * 50 + y * 20, y * 100, 255 - x * 40, x * 30)
            im.putpixel((x, y), v[: len(mode)] if len(mode) > 1 else v[0])
    return im


def exif_bytes():
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8769] = {0xA002: W, 0xA003: H}
    return exif.tobytes()  # from "Exif\0\0" on


def split_icc_reversed(jpeg):
    """The JPEG with its one APP2 ICC_PROFILE segment replaced by two, sequence 2 before 1."""
    at = 2
    while True:
        marker, length = jpeg[at + 1], struct.unpack(">H", jpeg[at + 2 : at + 4])[0]
        body = jpeg[at + 4 : at + 2 + length]
        if marker == 0xE2 and body.startswith(b"ICC_PROFILE\0"):
            profile = body[14:]
            half = len(profile) // 2
            parts = [profile[:half], profile[half:]]

            def segment(seq):
                data = b"ICC_PROFILE\0" + bytes([seq, 2]) + parts[seq - 1]
                return b"\xff\xe2" + struct.pack(">H", len(data) + 2) + data

            return jpeg[:at] + segment(2) + segment(1) + jpeg[at + 2 + length :]
        at += 2 + length


def main():
    os.makedirs(OUT, exist_ok=True)
    romm = open(os.path.join(GS, "rommrgb.icc"), "rb").read()
    shutil.copyfile(os.path.join(GS, "rommrgb.icc"), os.path.join(OUT, "rommrgb.icc"))
    rgb = picture("RGB")

    info = PngImagePlugin.PngInfo()
    info.add(b"gAMA", struct.pack(">I", 45455))
    info.add(b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000))
    rgb.save(os.path.join(OUT, "icc_exif_phys.png"), icc_profile=romm, exif=exif_bytes(), dpi=(300, 300), pnginfo=info)
    info = PngImagePlugin.PngInfo()
    info.add(b"sRGB", b"\x00")
    info.add(b"gAMA", struct.pack(">I", 45455))
    info.add(b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000))
    rgb.save(os.path.join(OUT, "srgb.png"), pnginfo=info)

    path = os.path.join(OUT, "icc_exif.jpg")
    rgb.save(path, quality=95, icc_profile=romm, exif=exif_bytes(), dpi=(300, 300))
    with open(os.path.join(OUT, "split_icc.jpg"), "wb") as f:
        f.write(split_icc_reversed(open(path, "rb").read()))
    assert Image.open(os.path.join(OUT, "split_icc.jpg")).info["icc_profile"] == romm

    path = os.path.join(OUT, "cmyk_icc.jpg")
    picture("CMYK").save(path, quality=95, icc_profile=open(os.path.join(GS, "default_cmyk.icc"), "rb").read())
    profile = Image.open(path).info["icc_profile"]
    with open(path + ".icc", "w") as f:
        f.write("%d %d\n" % (len(profile), zlib.crc32(profile)))

    rgb.save(os.path.join(OUT, "icc_exif.webp"), lossless=True, icc_profile=romm, exif=exif_bytes())
    rgb.save(os.path.join(OUT, "icc_res.tif"), icc_profile=romm, dpi=(300, 300), tiffinfo={274: 6})


if __name__ == "__main__":
    main()
