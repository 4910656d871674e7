# --edge and --scale end to end: zero edges darken the border of a flat image exactly as
# PyTorch's conv_transpose2d does, replicate and reflect keep it flat; --scale S is the bilinear
# recipe (k = 2S - S%2, padding S/2, edges replicated) and gives S times the input; its conflicts and
# a bad edge mode are usage errors that write nothing.
# usage: bash scale_edge.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1

# A flat 5x3 RGB image, (200, 100, 50) everywhere, written with the standard library.
python3 - "$work/flat.png" <<'EOF_PY'
import struct, sys, zlib
h, w = 3, 5
raw = b"".join(b"\0" + bytes([200, 100, 50]) * w for _ in range(h))
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
EOF_PY

case_ "zero edges: bilinear x2 darkens the border rows to 75% and the corners to 56.25%"
run flat.png -f 4 -s 2 -p 1 -k bilinear -o zero.png
expect_rc 0
check_pixels zero.png '
import math
def q(v): return math.floor(v + 0.5)
for y in range(6):
    for x in range(10):
        f = (0.75 if y in (0, 5) else 1.0) * (0.75 if x in (0, 9) else 1.0)
        px(y, x, (q(200 * f), q(100 * f), q(50 * f)))'

for edge in replicate reflect; do
    case_ "--edge $edge: bilinear x2 of a flat image is flat, border included"
    run flat.png -f 4 -s 2 -p 1 -k bilinear --edge "$edge" -o "$edge.png"
    expect_rc 0
    check_pixels "$edge.png" '
for y in range(6):
    for x in range(10):
        px(y, x, (200, 100, 50))'
done

case_ "--scale 2: 5x3 -> 10x6 with the bilinear recipe, flat stays flat"
run flat.png --scale 2 -o x2.png -v
expect_rc 0
expect_stdout "flat.png -> x2.png: 3x5 -> 6x10 (HxW, 3 channels); rows: out = (3 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 0 + 1 = 6; cols: out = (5 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 0 + 1 = 10"
grep -q '^tconv: flat.png: strategy fixed-point (bilinear 4x4, stride 2x2, edge replicate: ' "$work/.cap/stderr" ||
    { fail "-v does not name bilinear 4x4, stride 2x2, edge replicate"; show_streams; }
expect_same_pixels x2.png replicate.png

case_ "--scale 3 -k ones is nearest neighbour x3"
run flat.png --scale 3 -k ones -o ones3.png
expect_rc 0
check_pixels ones3.png '
assert (height, width) == (9, 15), (height, width)
for y in range(9):
    for x in range(15):
        px(y, x, (200, 100, 50))'

case_ "--scale 2x3 on the article: 4x4 -> 8x12"
run "$src/samples/article.png" --scale 2x3 -o article23.png
expect_rc 0
check_pixels article23.png 'assert (height, width) == (8, 12), (height, width)'

for conflict in "-f 3" "-s 2" "-p 1" "--dilation 2" "--output-padding 1"; do
    case_ "--scale 2 $conflict is a usage error that writes nothing"
    read -ra extra <<<"$conflict"
    run flat.png --scale 2 "${extra[@]}" -o conflict.png
    expect_rc 2
    expect_one_error --scale "sets the filter size, stride and padding itself: give either --scale or ${extra[0]}"
    expect_no_file conflict.png
done

case_ "--scale with a kernel other than bilinear or ones is a usage error"
run flat.png --scale 2 -k gaussian -o g.png
expect_rc 2
expect_one_error --scale "goes with -k bilinear or -k ones; for other kernels give -f, -s and -p"
expect_no_file g.png

case_ "--edge takes zero, replicate or reflect only"
run flat.png -f 4 -s 2 --edge mirror -o m.png
expect_rc 2
expect_one_error --edge "'mirror' is not an edge mode \(zero, replicate or reflect\)"
expect_no_file m.png

finish
