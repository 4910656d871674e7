# EXIF orientation: without --auto-orient the stored pixels are used and one warning names the
# option; with it the input is turned upright first (a 24x40 JPEG tagged 6 gives a 40x24 output).
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
[ "$(grep -c '^tconv: warning: in6.jpg: EXIF orientation 6 (turned 90 degrees clockwise to be upright) is not applied: the stored pixels are used; --auto-orient turns them upright$' "$work/.cap/stderr")" = 1 ] ||
    { fail "no orientation warning"; show_streams; }
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

finish
