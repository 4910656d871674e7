# The real-valued results written a row at a time: `.npy` sums and `--scale` on an image with alpha
# (premultiplied). -v says they stream; the .npy files are byte for byte NumPy's save of PyTorch's sums
# and the premultiplied pixels PyTorch's (tests/reference/make_real_rows_goldens.py); a streamed input
# gives the bytes of the same pixels decoded whole, on 1 thread or 3; and memory follows the width of
# an image, not its height.
# usage: bash streamed_real.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3
fixtures=$src/tests/fixtures/real
goldens=$src/tests/reference/goldens/real_rows

case_ "-v: an RGBA PNG's --scale and a .npy output read and write rows"
run "$fixtures/rgba.png" --scale 2 -o a.png -v
expect_rc 0
grep -q "strategy real (.*premultiplied alpha (--scale's default).*; read: PNG rows (libspng, streamed); written: PNG segments (streamed)$" .cap/stderr ||
    { fail "premultiplied --scale does not stream"; show_streams; }
run "$fixtures/rgb.png" -f 4 -s 2 -p 1 -k bilinear -o a.npy -v
expect_rc 0
grep -q "strategy real (.*.npy output.*; read: PNG rows (libspng, streamed); written: .npy rows (streamed)$" .cap/stderr ||
    { fail ".npy does not stream"; show_streams; }
run "$fixtures/rgba.png" --scale 2 -o a.jpg -v
grep -q "; read: PNG rows (libspng, streamed); written: JPEG scanlines (streamed; Huffman tables made for the image, whole coefficients held)$" .cap/stderr || { fail "JPEG sink"; show_streams; }
run "$fixtures/rgba.png" --scale 2 -o a.tif -v
grep -q "; read: PNG rows (libspng, streamed); written: TIFF strips (streamed)$" .cap/stderr || { fail "TIFF sink"; show_streams; }

case_ ".npy outputs are NumPy's bytes of PyTorch's sums"
for threads in 1 3; do
    run "$fixtures/rgb.png" -f 4 -s 2 -p 1 --output-padding 1 -k bilinear -j $threads -o rgb_zero.npy
    expect_rc 0
    cmp -s rgb_zero.npy "$goldens/rgb_zero.npy" || fail "rgb.png -j $threads: .npy differs from PyTorch's"
    run "$fixtures/grey16.png" -f 4 -s 2 -p 1 -k bilinear --edge reflect -j $threads -o grey16_reflect.npy
    expect_rc 0
    cmp -s grey16_reflect.npy "$goldens/grey16_reflect.npy" || fail "grey16.png -j $threads: .npy differs from PyTorch's"
    run "$fixtures/rgba.png" --scale 2 -j $threads -o rgba_scale2.npy
    expect_rc 0
    cmp -s rgba_scale2.npy "$goldens/rgba_scale2.npy" || fail "rgba.png --scale 2 -j $threads: .npy differs from PyTorch's"
done

case_ "--scale 2 on an RGBA PNG: PyTorch's premultiplied pixels, every one"
run "$fixtures/rgba.png" --scale 2 -o rgba_scale2.png
expect_rc 0
out=$("$py" - rgba_scale2.png "$goldens/rgba_scale2_pixels.npy" <<'PY' 2>&1
import sys
import numpy as np
from PIL import Image
got = np.asarray(Image.open(sys.argv[1]))
want = np.load(sys.argv[2])
assert got.shape == want.shape, (got.shape, want.shape)
bad = np.argwhere(got != want)
assert not len(bad), f"{len(bad)} samples differ, first at {bad[:3].tolist()}"
PY
) || fail "$out"

"$py" - <<'PY'
import numpy as np
from PIL import Image
rng = np.random.default_rng(9)
a = rng.integers(0, 256, (300, 200, 4), dtype=np.uint8)
a[:, :, 3] = rng.choice([0, 255, 128, 7], (300, 200))
Image.fromarray(a, "RGBA").save("icon.png")
Image.fromarray(a, "RGBA").save("icon.webp", lossless=True, exact=True)
# Tall and short images of the same width, for memory.
for h, name in ((256, "short.png"), (8192, "tall.png")):
    Image.fromarray(np.tile(a[:256, :, :], (h // 256, 5, 1))[:, :1000], "RGBA").save(name, compress_level=1)
    Image.fromarray(np.tile(a[:256, :, :], (h // 256, 1, 1)), "RGBA").save("narrow_" + name, compress_level=1)
PY

case_ "a streamed RGBA PNG gives the bytes of the same pixels decoded whole (a lossless WebP), on 1 or 3 threads"
# x8: a 2400x1600 output, several PNG segments, JPEG and .npy blocks, written in order.
for out in png jpg tif npy; do
    run icon.png --scale 8 -j 3 -o "streamed.$out"
    expect_rc 0
    run icon.webp --scale 8 -j 1 -o "whole.$out"
    expect_rc 0
    cmp -s "streamed.$out" "whole.$out" || fail "icon.png and icon.webp give different .$out files"
done

case_ "memory follows the width: 8192 rows take about what 256 rows of the same width take"
# A sanitizer build's memory says nothing of tconv's (shadow memory, a quarantine of freed blocks).
if ! grep -qa __asan_init "$tconv"; then
    rss() { /usr/bin/time -f %M "$tconv" "$1" --scale 2 -j 2 -o "$2" 2>&1 >/dev/null | tail -1; }
    short=$(rss short.png short_out.png)
    tall=$(rss tall.png tall_out.png)
    # Whole, the tall image's sums in double would be 1 GiB.
    [ "$tall" -le $((short * 3 / 2)) ] || fail "peak RSS $tall KiB for 8192 rows against $short KiB for 256"
    expect_file tall_out.png
    # 200 columns: the tall .npy is 100 MiB.
    short=$(rss narrow_short.png short_out.npy)
    tall=$(rss narrow_tall.png tall_out.npy)
    [ "$tall" -le $((short * 3 / 2)) ] || fail ".npy: peak RSS $tall KiB for 8192 rows against $short KiB for 256"
    rm -f tall_out.npy short_out.npy tall_out.png
fi

finish
