#!/usr/bin/python3
"""Checks an image's metadata as PIL reads it (not tconv): check_metadata.py FILE KEY=VALUE...

  icc=PATH      the ICC profile is byte for byte the file PATH; icc=none: no profile
  orientation=N EXIF Orientation (or TIFF's tag for a .tif) is N; orientation=none: no EXIF
  exif_size=WxH the Exif IFD's PixelXDimension x PixelYDimension
  dpi=N         resolution N per inch on both axes (to 0.01); dpi=none: no resolution
  gamma=G       PNG gAMA (PIL's float); gamma=none: no gAMA
  chroma=yes    PNG cHRM present; chroma=none: absent
  srgb=N        PNG sRGB intent N; srgb=none: absent
Exits 1 naming every mismatch.
"""
import sys

from PIL import Image

path, checks = sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
im = Image.open(path)
info = im.info
problems = []


def expect(key, got, want):
    if got != want:
        problems.append("%s: %s is %r, expected %r" % (path, key, got, want))


if "icc" in checks:
    want = None if checks["icc"] == "none" else open(checks["icc"], "rb").read()
    got = info.get("icc_profile") or None
    if got != want:
        describe = lambda p: "none" if p is None else "%d bytes" % len(p)
        problems.append("%s: icc is %s, expected %s (%s)" % (path, describe(got), describe(want), checks["icc"]))
exif = im.getexif()
if "orientation" in checks:
    tiff = path.lower().endswith((".tif", ".tiff"))
    got = im.tag_v2.get(274) if tiff else exif.get(274)
    expect("orientation", got, None if checks["orientation"] == "none" else int(checks["orientation"]))
if "exif_size" in checks:
    ifd = exif.get_ifd(0x8769)
    expect("exif_size", "%sx%s" % (ifd.get(0xA002), ifd.get(0xA003)), checks["exif_size"])
if "dpi" in checks:
    dpi = info.get("dpi")
    if path.lower().endswith((".tif", ".tiff")) and 282 not in im.tag_v2:
        dpi = None  # PIL says (1, 1) for a TIFF without XResolution
    if checks["dpi"] == "none":
        expect("dpi", dpi, None)
    elif dpi is None or any(abs(float(v) - float(checks["dpi"])) > 0.01 for v in dpi):
        problems.append("%s: dpi is %r, expected %s" % (path, dpi, checks["dpi"]))
if "gamma" in checks:
    expect("gamma", info.get("gamma"), None if checks["gamma"] == "none" else float(checks["gamma"]))
if "chroma" in checks:
    expect("chroma", "chromaticity" in info, checks["chroma"] == "yes")
if "srgb" in checks:
    expect("srgb", info.get("srgb"), None if checks["srgb"] == "none" else int(checks["srgb"]))
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
