# TIFF and PNM inputs read as a stream, and TIFF, PNM, PAM, BMP and TGA outputs written as rows come:
# -v names the source and sink; the pixels streamed equal those that PIL or vips decode whole from
# the same files (their PNGs through tconv); each sink's file holds what PIL or vips decode, or the
# bytes PIL writes for the same pixels; a truncated TIFF or PPM is refused with nothing written; memory
# follows the width of an image, not its height.
# usage: bash streamed_formats.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3

"$py" - <<'PY'
import numpy as np
from PIL import Image
rng = np.random.default_rng(22)
a = rng.integers(0, 256, (400, 150, 3), dtype=np.uint8)
Image.fromarray(a).save("a.png")
Image.fromarray(a).save("a.ppm")
# PIL: uncompressed strips of about 64 KiB after the directory; deflate strips through libtiff.
Image.fromarray(a).save("strips.tif")
Image.fromarray(a).save("strips_deflate.tif", compression="tiff_adobe_deflate")
# Colours premultiplied by a varying alpha, to be tagged associated.
alpha = rng.integers(0, 256, (400, 150, 1), dtype=np.uint16)
pre = (a.astype(np.uint16) * alpha // 255).astype(np.uint8)
premultiplied = np.concatenate([pre, alpha.astype(np.uint8)], axis=2)
Image.fromarray(premultiplied, "RGBA").save("premultiplied.png")
# PIL writes RGBA with ExtraSamples 2 (unassociated) in its first IFD: patched to 1 (associated).
Image.fromarray(premultiplied, "RGBA").save("associated.tif")
tif = bytearray(open("associated.tif", "rb").read())
ifd = int.from_bytes(tif[4:8], "little")
for e in range(int.from_bytes(tif[ifd:ifd + 2], "little")):
    entry = ifd + 2 + 12 * e
    if int.from_bytes(tif[entry:entry + 2], "little") == 338:
        tif[entry + 8:entry + 10] = (1).to_bytes(2, "little")
open("associated.tif", "wb").write(bytes(tif))
g16 = rng.integers(0, 65536, (400, 150), dtype=np.uint16)
Image.fromarray(g16, "I;16").save("g16.png")
open("g16.pgm", "wb").write(b"P5\n150 400\n65535\n" + g16.astype(">u2").tobytes())
open("rgb16.raw", "wb").write(rng.integers(0, 65536, (400, 150, 3), dtype=np.uint16).astype(">u2").tobytes())
# netpbm files whose max value is not 255 or 65535: 16-bit samples scale to 0..65535 rounded half up
# (netpbm's rule); 8-bit ones are kept as stored (stb_image's, which tconv has always followed).
g1000 = rng.integers(0, 1001, (400, 150), dtype=np.uint16)
open("g1000.pgm", "wb").write(b"P5\n150 400\n1000\n" + g1000.astype(">u2").tobytes())
scaled = (g1000.astype(np.uint64) * 65535 * 2 + 1000) // 2000
Image.fromarray(scaled.astype(np.uint16), "I;16").save("g1000_ref.png")
c100 = rng.integers(0, 101, (400, 150, 3), dtype=np.uint8)
open("c100.ppm", "wb").write(b"P6 150 400 100\n" + c100.tobytes())
Image.fromarray(c100).save("c100_ref.png")
# Tall and short images of the same width, for memory.
for h, name in ((256, "short"), (8192, "tall")):
    t = np.tile(a[:256, :, :], (h // 256, 14, 1))[:, :2000]
    Image.fromarray(t).save(name + ".tif")
    Image.fromarray(t).save(name + ".ppm")
PY
# Tiles of 32x32 (the width is not a multiple), 16-bit RGB strips (from a 16-bit PNG ImageMagick
# made), planes: written by vips and ImageMagick.
vips tiffsave a.png tiled.tif --tile --tile-width 32 --tile-height 32 --compression deflate
convert -size 150x400 -depth 16 -endian MSB rgb:rgb16.raw rgb16.png
vips tiffsave rgb16.png rgb16.tif --compression deflate --predictor horizontal
convert a.png -interlace plane -compress lzw planar.tif
"$py" - <<'PY'
from PIL import Image
# The references: each TIFF decoded whole by PIL (8-bit) or vips (16-bit), written as PNG.
for name in ("strips", "strips_deflate", "tiled", "planar"):
    Image.open(name + ".tif").convert("RGB").save(name + "_ref.png")
im = Image.open("associated.tif")
assert im.tag_v2[338] == (1,), im.tag_v2[338]  # associated alpha, which PIL undoes as it reads

im.convert("RGBA").save("associated_ref.png")
Image.open("a.ppm").save("a_ref.png")
PY
vips copy rgb16.tif rgb16_ref.png

job=(-f 4 -s 2 -p 1 -k bilinear --alpha straight -j 3 --strip)  # metadata aside: pixels compared

case_ "TIFF strips, tiles, planes, 16 bits and associated alpha stream and give the pixels PIL or vips decode"
for name in strips strips_deflate tiled planar rgb16 associated; do
    run "$name.tif" "${job[@]}" -o "${name}_streamed.png" -v
    expect_rc 0
    how="TIFF strips \(libtiff, streamed\)"
    [ "$name" = tiled ] && how="TIFF tiles, a row of them at a time \(libtiff, streamed\)"
    grep -qE "; read: $how; written: PNG segments \(streamed\)$" .cap/stderr || { fail "$name.tif: -v"; show_streams; }
    run "${name}_ref.png" "${job[@]}" -o "${name}_whole.png"
    cmp -s "${name}_streamed.png" "${name}_whole.png" || fail "$name.tif streamed differs from its decoding by PIL/vips"
done

case_ "a TIFF from standard input is decoded whole, and says so"
run_in strips.tif - "${job[@]}" -o stdin.png -v
expect_rc 0
grep -q "; read: TIFF (decoded whole: not a regular file, which libtiff needs to seek in); written" .cap/stderr ||
    { fail "stdin TIFF: -v"; show_streams; }
cmp -s stdin.png strips_streamed.png || fail "a TIFF from standard input gives other pixels"

case_ "PNM inputs stream rows: 8 bits, 16 bits, max values 1000 (scaled) and 100 (as stored)"
for name in a g16 g1000 c100; do
    ext=ppm
    case $name in g*) ext=pgm ;; esac
    ref=${name}_ref.png
    [ "$name" = g16 ] && ref=g16.png
    run "$name.$ext" "${job[@]}" -o "${name}_streamed.png" -v
    expect_rc 0
    grep -q "; read: PNM rows (streamed); written: PNG segments (streamed)$" .cap/stderr || { fail "$name: -v"; show_streams; }
    run "$ref" "${job[@]}" -o "${name}_whole.png"
    cmp -s "${name}_streamed.png" "${name}_whole.png" || fail "$name.$ext streamed differs from its reference pixels"
done

case_ "TIFF, PNM, PAM, BMP and TGA outputs are written as rows come and hold the PNG output's pixels"
# x8 of 400x150: 3200x1200, blocks of rows over 3 threads, a BMP placed bottom-up in many pieces.
big=(-f 16 -s 8 -p 4 -k bilinear --edge replicate -j 3)
run a.png "${big[@]}" -o big.png
run premultiplied.png "${big[@]}" --alpha straight -o big_rgba.png
for out in tif ppm pam bmp tga rgba.tif rgba.pam rgba.bmp rgba.tga; do
    input=a.png
    case $out in rgba.*) input=premultiplied.png ;; esac
    name=big.$out
    case $out in rgba.*) name=big_$out ;; esac
    run "$input" "${big[@]}" --alpha straight -o "$name" -v
    expect_rc 0
    grep -qE "; written: (TIFF strips|PNM rows|PAM rows|BMP rows|TGA rows) \(streamed\)$" .cap/stderr || { fail "$out: -v"; show_streams; }
done
"$py" - <<'PY' || fail "the streamed outputs do not hold the PNG output's pixels"
import sys
import numpy as np
from PIL import Image
bad = []
rgb = np.asarray(Image.open("big.png"))
rgba = np.asarray(Image.open("big_rgba.png"))
for path, want in (("big.tif", rgb), ("big.bmp", rgb), ("big.tga", rgb), ("big_rgba.tif", rgba), ("big_rgba.bmp", rgba),
                   ("big_rgba.tga", rgba)):
    got = np.asarray(Image.open(path).convert("RGBA" if want.shape[2] == 4 else "RGB"))
    if got.shape != want.shape or (got != want).any():
        bad.append(path)
tif = Image.open("big.tif")
# Many strips of deflate with the horizontal predictor.
if (tif.tag_v2[259], tif.tag_v2[317]) != (8, 2) or len(tif.tag_v2[273]) < 100:
    bad.append("big.tif tags " + str((tif.tag_v2[259], tif.tag_v2[317], len(tif.tag_v2[273]))))
# PNM: the bytes PIL writes for the same pixels; PAM: its header, then the samples.
Image.fromarray(rgb).save("pil.ppm")
if open("big.ppm", "rb").read() != open("pil.ppm", "rb").read():
    bad.append("big.ppm")
for name, want, tupltype in (("big.pam", rgb, "RGB"), ("big_rgba.pam", rgba, "RGB_ALPHA")):
    h, w, c = want.shape
    head = f"P7\nWIDTH {w}\nHEIGHT {h}\nDEPTH {c}\nMAXVAL 255\nTUPLTYPE {tupltype}\nENDHDR\n".encode()
    if open(name, "rb").read() != head + want.tobytes():
        bad.append(name)
print(" ".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

case_ "a 16-bit TIFF output holds the 16-bit PNG output's samples (both decoded by vips)"
run rgb16.png "${big[@]}" -o big16.png
run rgb16.png "${big[@]}" -o big16.tif
expect_rc 0
vips rawsave big16.png big16_png.raw && vips rawsave big16.tif big16_tif.raw
cmp -s big16_png.raw big16_tif.raw || fail "big16.tif and big16.png differ"

case_ "a TIFF or PPM cut short is refused, and nothing is written"
head -c 100000 strips.tif >cut.tif
run cut.tif "${job[@]}" -o cut_tif.png
expect_rc 1
expect_one_error cut.tif "cannot decode image \(the file is truncated\)"
expect_no_file cut_tif.png
head -c 100000 a.ppm >cut.ppm
for out in cut_ppm.png cut_ppm.tif cut_ppm.bmp; do
    run cut.ppm "${job[@]}" -o "$out"
    expect_rc 1
    expect_one_error cut.ppm "not a readable image \(PNM file is shorter than its header says\)"
    expect_no_file "$out"
done
expect_no_temp .

case_ "memory follows the width: 8192 rows of TIFF or PPM take about what 256 rows take"
# A sanitizer build's memory says nothing of tconv's (shadow memory, a quarantine of freed blocks).
if ! grep -qa __asan_init "$tconv"; then
    rss() { /usr/bin/time -f %M "$tconv" "$@" -j 2 2>&1 >/dev/null | tail -1; }
    # Each tall input is 47 MiB, its output x2 188 MiB: either whole is far past a 1.5x margin. The
    # TIFF output is written at x1: deflate on noise is slow.
    for job in "tif png -f 2 -s 2 -k bilinear" "ppm png -f 2 -s 2 -k bilinear" "tif ppm -f 2 -s 2 -k bilinear" \
        "ppm bmp -f 2 -s 2 -k bilinear" "ppm tif -f 1 -s 1"; do
        set -- $job
        in=$1 out=$2
        shift 2
        short=$(rss "short.$in" "$@" -o "short_out.$out")
        tall=$(rss "tall.$in" "$@" -o "tall_out.$out")
        [ "$tall" -le $((short * 3 / 2)) ] || fail "$in -> $out: peak RSS $tall KiB for 8192 rows against $short KiB for 256"
        expect_file "tall_out.$out"
    done
fi

finish
