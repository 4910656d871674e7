# EXIF orientation: without --auto-orient the stored pixels are used and one warning names the
# option; with it the input is turned upright first (a 24x40 JPEG tagged 6 gives a 40x24 output).
# The same for compare, animate and fit, against PIL's ImageOps.exif_transpose (orient6.jpg.upright);
# HxW options count the rows and columns of the pixels used (--scale 1x2 against PyTorch's interpolate).
# usage: bash auto_orient.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
cp "$fixtures/codecs/orient6.jpg" in6.jpg
cp "$fixtures/codecs/orient1.jpg" in1.jpg

case_ "without --auto-orient: stored pixels, one warning naming --auto-orient"
run in6.jpg -f 1 -s 1 -o stored.png
expect_rc 0
grep -q '^in6.jpg -> stored.png: 24x40 -> 24x40' "$work/.cap/stdout" || { fail "not the stored size"; show_streams; }
not_applied="tconv: warning: in6.jpg: EXIF orientation 6 (turned 90 degrees clockwise to be upright) is not applied: the stored pixels are used, and HxW options count their rows and columns (the picture's columns and rows); --auto-orient turns them upright"
[ "$(grep -cxF "$not_applied" "$work/.cap/stderr")" = 1 ] || { fail "no orientation warning"; show_streams; }
run in1.jpg -f 1 -s 1 -o one.png
expect_rc 0
expect_stderr_empty

case_ "with --auto-orient: upright, no warning"
run in6.jpg -f 1 -s 1 -o upright.png --auto-orient
expect_rc 0
expect_stderr_empty
grep -q '^in6.jpg -> upright.png: 40x24 -> 40x24' "$work/.cap/stdout" || { fail "not the upright size"; show_streams; }
# Upright pixel (0, 0) is stored pixel (h - 1, 0) = (23, 0) for orientation 6.
/usr/bin/python3 - "$e2e_dir" <<'PY' || fail "upright pixels are not the stored ones turned"
import sys
sys.path.insert(0, sys.argv[1])
from png_reader import read_png
sh, sw, _, stored = read_png("stored.png")
uh, uw, _, up = read_png("upright.png")
assert (uh, uw) == (sw, sh), (uh, uw)
for y in range(uh):
    for x in range(uw):
        assert up[y][x] == stored[sh - 1 - x][y], (y, x)
PY

case_ "--auto-orient and the output cap: the upright size counts"
# -f 2 -s 2x1: stored 24x40 gives 48x41 = 1968 pixels, upright 40x24 gives 80x25 = 2000.
run in6.jpg -f 2 -s 2x1 -o cap.png --max-pixels 1999
expect_rc 0
run in6.jpg -f 2 -s 2x1 -o cap2.png --auto-orient --max-pixels 1999
expect_rc 1
expect_one_error in6.jpg "output would be 80x25 = 2000 pixels, over the limit of 1999 \(--max-pixels\)"
expect_no_file cap2.png

# PIL's upright pixels of in6.jpg, as a PNG target for fit (the JPEG decodes to the same samples in
# PIL and tconv: tests/io/input/decode_codecs_test.cpp).
cp "$fixtures/codecs/orient6.jpg.upright" upright.raw
cp "$fixtures/codecs/orient6.jpg.expected" stored.raw
/usr/bin/python3 - <<'PY' || fail "making the targets"
import numpy as np
from PIL import Image
def raw(path):
    with open(path, "rb") as f:
        h, w, c = (int(v) for v in f.readline().split())
        return np.frombuffer(f.read(), np.uint8).reshape(h, w, c)
Image.fromarray(raw("upright.raw")).save("upright_target.png")
PY

# check_pixels PNG|APNG RAW [PANEL]: the image (an APNG's last frame; a compare sheet's input panel)
# equals the samples of RAW.
check_pixels() {
    /usr/bin/python3 - "$@" <<'PY'
import json, sys
import numpy as np
from PIL import Image
path, raw_path = sys.argv[1:3]
with open(raw_path, "rb") as f:
    h, w, c = (int(v) for v in f.readline().split())
    want = np.frombuffer(f.read(), np.uint8).reshape(h, w, c)
im = Image.open(path)
if getattr(im, "n_frames", 1) > 1:
    im.seek(im.n_frames - 1)
got = np.asarray(im.convert("RGB"))
if len(sys.argv) > 3:  # a compare sheet: the input panel's cells, as check_compare.py reads them
    panel = json.loads(sys.argv[3])
    f, top, left = panel["factor"], panel["top"], panel["left"]
    ys = top + 1 + np.arange(h) * (f + 1) + f // 2 if f > 1 else top + np.arange(h)
    xs = left + 1 + np.arange(w) * (f + 1) + f // 2 if f > 1 else left + np.arange(w)
    got = got[np.ix_(ys, xs)]
assert got.shape == want.shape, (got.shape, want.shape)
assert (got == want).all(), f"{(got != want).sum()} samples differ"
PY
}
json_field() { /usr/bin/python3 -c "import json, sys; print(json.dumps(json.load(sys.stdin)$1))" <"$work/.cap/stdout"; }

case_ "compare: the stored pixels with the warning, upright with --auto-orient"
run compare in6.jpg -f 1 -s 1 -o stored_sheet.png --json
expect_rc 0
[ "$(cat "$work/.cap/stderr")" = "$not_applied" ] || { fail "not the one orientation warning"; show_streams; }
[ "$(json_field '["in_height"]')x$(json_field '["in_width"]')" = 24x40 ] || { fail "not the stored size"; show_streams; }
check_pixels stored_sheet.png stored.raw "$(json_field '["panels"][0]')" || fail "the input panel is not the stored pixels"
run compare in6.jpg -f 1 -s 1 -o upright_sheet.png --json --auto-orient
expect_rc 0
expect_stderr_empty
[ "$(json_field '["in_height"]')x$(json_field '["in_width"]')" = 40x24 ] || { fail "not the upright size"; show_streams; }
check_pixels upright_sheet.png upright.raw "$(json_field '["panels"][0]')" || fail "the input panel is not PIL's exif_transpose"

case_ "animate: the stored pixels with the warning, upright with --auto-orient"
run animate in6.jpg -f 1 -s 1 --max-frames 2 -o stored_anim.png
expect_rc 0
[ "$(cat "$work/.cap/stderr")" = "$not_applied" ] || { fail "not the one orientation warning"; show_streams; }
check_pixels stored_anim.png stored.raw || fail "the last frame is not the stored pixels"
run animate in6.jpg -f 1 -s 1 --max-frames 2 -o upright_anim.png --auto-orient
expect_rc 0
expect_stderr_empty
grep -q '^upright_anim.png: 40x24 -> 40x24 (HxW)' "$work/.cap/stdout" || { fail "not the upright size"; show_streams; }
check_pixels upright_anim.png upright.raw || fail "the last frame is not PIL's exif_transpose"
# --crop counts the upright rows: rows 30..39 exist only upright.
run animate in6.jpg -f 1 -s 1 --crop 30,0,10,24 -o crop_anim.png --auto-orient
expect_rc 0
run animate in6.jpg -f 1 -s 1 --crop 30,0,10,24 -o crop_stored.png
expect_rc 1

case_ "fit: a target made upright by PIL fits an upright input, not the stored one"
run fit in6.jpg upright_target.png -f 1 -s 1 --steps 300 --auto-orient --json -o k.txt
expect_rc 0
expect_stderr_empty
/usr/bin/python3 -c "
import json, sys
r = json.load(open('$work/.cap/stdout'))
assert abs(r['kernel'][0][0] - 1) < 0.01 and r['final_loss'] < 0.01, (r['kernel'], r['final_loss'])" ||
    { fail "the identity kernel was not learned"; show_streams; }
run fit in6.jpg upright_target.png -f 1 -s 1 --steps 1 -o k2.txt
expect_rc 1
expect_one_error upright_target.png "target is 40x24 \(HxW\) but .* for the 24x40 input in6.jpg; .* \(in6.jpg is used as stored, sideways: EXIF orientation 6; --auto-orient turns it upright\)"
expect_no_file k2.txt

case_ "--scale 1x2: the stored axes as the warning says, the upright ones with --auto-orient (PyTorch)"
run in6.jpg --scale 1x2 -o scaled_stored.png
expect_rc 0
grep -q '^in6.jpg -> scaled_stored.png: 24x40 -> 24x80' "$work/.cap/stdout" || { fail "not the stored axes"; show_streams; }
[ "$(cat "$work/.cap/stderr")" = "$not_applied" ] || { fail "not the one orientation warning"; show_streams; }
run in6.jpg --scale 1x2 -o scaled_upright.png --auto-orient
expect_rc 0
grep -q '^in6.jpg -> scaled_upright.png: 40x24 -> 40x48' "$work/.cap/stdout" || { fail "not the upright axes"; show_streams; }
/usr/bin/python3 - <<'PY' || fail "--scale 1x2 --auto-orient is not F.interpolate of PIL's upright pixels"
import numpy as np, torch
from PIL import Image
with open("upright.raw", "rb") as f:
    h, w, c = (int(v) for v in f.readline().split())
    x = np.frombuffer(f.read(), np.uint8).reshape(h, w, c)
t = torch.from_numpy(x.astype(np.float64)).permute(2, 0, 1)[None]
y = torch.nn.functional.interpolate(t, scale_factor=(1, 2), mode="bilinear", align_corners=False)[0].permute(1, 2, 0).numpy()
want = np.clip(np.floor(y + 0.5), 0, 255).astype(np.uint8)
got = np.asarray(Image.open("scaled_upright.png"))
assert got.shape == want.shape, (got.shape, want.shape)
assert (got == want).all(), f"{(got != want).sum()} samples differ"
PY

finish
