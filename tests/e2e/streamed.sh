# The streamed pipeline: -v says how the input was read and the output written; a streamed PNG or JPEG
# gives the same bytes as the same pixels decoded whole; a file cut short is refused with nothing
# written; a PNG whose text comes after its image data keeps it; and memory follows the width of an
# image, not its height (peak RSS of a tall image against a short one of the same width).
# usage: bash streamed.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3

"$py" - <<'PY'
import numpy as np
from PIL import Image, PngImagePlugin
rng = np.random.default_rng(5)
a = rng.integers(0, 256, (300, 200, 3), dtype=np.uint8)
Image.fromarray(a).save("photo.png")
Image.fromarray(a).save("photo.ppm")
Image.fromarray(a).save("photo.jpg", quality=90)
Image.fromarray(a).save("photo.webp", lossless=True)
Image.open("photo.jpg").save("photo_from_jpg.ppm")  # libjpeg's decoding, through PIL
exif = Image.Exif()
exif[0x010E] = "after the pixels"  # ImageDescription
Image.fromarray(a).save("late_exif.png", exif=exif)
# Move the eXIf chunk behind the IDAT chunks, where PNG allows it too.
data = open("late_exif.png", "rb").read()
chunks, at = [], 8
while at < len(data):
    n = int.from_bytes(data[at:at + 4], "big")
    chunks.append(data[at:at + 12 + n])
    at += 12 + n
late = [c for c in chunks if c[4:8] == b"eXIf"]
rest = [c for c in chunks if c[4:8] != b"eXIf"]
assert late, "PIL wrote no eXIf chunk"
open("late_exif.png", "wb").write(data[:8] + b"".join(rest[:-1] + late + rest[-1:]))
# Tall and short images of the same width, for memory.
for h, name in ((256, "short.png"), (8192, "tall.png")):
    Image.fromarray(np.tile(a[:256, :, :], (h // 256, 10, 1))[:, :2000]).save(name, compress_level=1)
PY

case_ "-v names a streamed PNG source and sink"
run photo.png -f 4 -s 2 -p 1 -k bilinear -o a.png -v
expect_rc 0
grep -q "; read: PNG rows (libspng, streamed); written: PNG segments (streamed)$" .cap/stderr || { fail "no streamed read/write in -v"; show_streams; }

case_ "-v names JPEG scanlines read and written, a WebP decoded whole, TIFF strips written"
run photo.jpg -f 4 -s 2 -p 1 -k bilinear -o b.jpg -v
grep -q "; read: JPEG scanlines (libjpeg-turbo, streamed); written: JPEG scanlines (streamed; Huffman tables made for the image, whole coefficients held)$" .cap/stderr || { fail "JPEG source"; show_streams; }
run photo.png -f 2 -s 2 -o b.tif -v
grep -q "; read: PNG rows (libspng, streamed); written: TIFF strips (streamed)$" .cap/stderr || { fail "TIFF sink"; show_streams; }
run photo.png -f 2 -s 2 -o b.webp -v
grep -q "; read: PNG rows (libspng, streamed); written: WebP (encoded whole)$" .cap/stderr || { fail "WebP sink"; show_streams; }
run photo.webp -f 2 -s 2 -o c.png -v
grep -q "; read: WebP (decoded whole); written: PNG segments (streamed)$" .cap/stderr || { fail "WebP source"; show_streams; }
run photo.png -f 4 -s 2 -p 1 -k bilinear --strategy scatter -o d.png -v
grep -q "; read: PNG rows (libspng, streamed), read whole for the literal scatter; written" .cap/stderr || { fail "scatter"; show_streams; }

case_ "a streamed PNG and JPEG give the bytes of the same pixels read from a PPM (PIL's JPEG)"
# x8: a 2400x1600 output, a dozen PNG segments and JPEG blocks over 3 threads, written in order.
for out in png jpg tif ppm; do
    run photo.png -f 16 -s 8 -p 4 -k bilinear --edge replicate -j 3 -o "streamed.$out"
    run photo.ppm -f 16 -s 8 -p 4 -k bilinear --edge replicate -j 1 -o "whole.$out"
    cmp -s "streamed.$out" "whole.$out" || fail "photo.png and photo.ppm give different .$out files"
done
run photo.jpg -f 3 -s 3 -k gaussian -j 3 -o streamed_jpg.png
run photo_from_jpg.ppm -f 3 -s 3 -k gaussian -o whole_jpg.png
cmp -s streamed_jpg.png whole_jpg.png || fail "photo.jpg (scanlines) and PIL's decoding of it give different PNGs"

case_ "a JPEG past 16 MiB of coefficients streams with the standard Huffman tables, its pixels unchanged"
# streamed.jpg above is 2400x1600 at 4:4:4: 22 MiB of coefficients. b.jpg is 600x400.
run photo.png -f 16 -s 8 -p 4 -k bilinear --edge replicate -o big.jpg -v
expect_rc 0
grep -q "written: JPEG scanlines (streamed; standard Huffman tables)$" .cap/stderr || { fail "big JPEG sink"; show_streams; }
run photo.png -f 16 -s 8 -p 4 -k bilinear --edge replicate -o big.png
out=$("$py" - <<'PY'
import numpy as np
from PIL import Image
def dc_luma_counts(path):
    data = open(path, "rb").read()
    at = 2
    while at < len(data) and data[at] == 0xFF:
        marker, n = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
        if marker == 0xC4:  # DHT: class and id, 16 code counts, the symbols; possibly several tables
            t = at + 4
            while t < at + 2 + n:
                counts = list(data[t + 1:t + 17])
                if data[t] == 0x00:
                    return counts
                t += 17 + sum(counts)
        if marker == 0xDA:
            break
        at += 2 + n
# JPEG's Annex K.3.3.1: the typical luminance DC table's code counts.
annex_k = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
print("big-standard" if dc_luma_counts("big.jpg") == annex_k else "big-made")
print("small-standard" if dc_luma_counts("b.jpg") == annex_k else "small-made")
# The same pixels through PIL with optimised tables decode to the same samples: tables change bytes only.
Image.open("big.png").save("big_pil.jpg", quality=90, subsampling=0, optimize=True)
same = np.array_equal(np.asarray(Image.open("big.jpg")), np.asarray(Image.open("big_pil.jpg")))
print("same-pixels" if same else "other-pixels")
PY
)
[ "$out" = "big-standard
small-made
same-pixels" ] || fail "Huffman tables or pixels: $out"

case_ "a PNG or JPEG cut short is refused, and nothing is written"
head -c 60000 photo.png >cut.png
run cut.png -f 4 -s 2 -o cut_out.png
expect_rc 1
expect_one_error cut.png "cannot decode image \(the file is truncated\)"
expect_no_file cut_out.png
head -c 9000 photo.jpg >cut.jpg
run cut.jpg -f 4 -s 2 -o cut_jpg_out.png
expect_rc 1
expect_one_error cut.jpg "cannot decode image \(the file is truncated\)"
expect_no_file cut_jpg_out.png
expect_no_temp .

case_ "a PNG whose EXIF follows its image data keeps it (read again whole)"
run late_exif.png -f 2 -s 2 -o late_out.png -v
expect_rc 0
grep -q "; read: PNG (decoded whole); written" .cap/stderr || { fail "late EXIF: not read whole"; show_streams; }
out=$("$py" -c "
from PIL import Image
im = Image.open('late_out.png'); im.load()
print(im.getexif().get(0x010E))")
[ "$out" = "after the pixels" ] || fail "the EXIF after the image data was lost: '$out'"

case_ "memory follows the width: 8192 rows take about what 256 rows of the same width take"
# A sanitizer build's memory says nothing of tconv's (shadow memory, a quarantine of freed blocks).
if ! grep -qa __asan_init "$tconv"; then
rss() { /usr/bin/time -f %M "$tconv" "$1" -f 4 -s 4 -k bilinear -j 2 -o "$2" 2>&1 >/dev/null | tail -1; }
short=$(rss short.png short_out.png)
tall=$(rss tall.png tall_out.png)
# The tall image decoded whole is 48 MiB and its output 768 MiB: far past a 1.5x margin.
[ "$tall" -le $((short * 3 / 2)) ] || fail "peak RSS $tall KiB for 8192 rows against $short KiB for 256"
expect_file tall_out.png
fi

finish
