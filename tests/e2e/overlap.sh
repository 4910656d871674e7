# `tconv overlap` and the main job's uneven-overlap warning: count maps against hand arithmetic
# (k3 s2: the 1/2/4 checkerboard; k4 s2: even inside), the grey PNG decoded and checked, and the
# warning printed once, only after a run where every input succeeded, silenced by --quiet.
# usage: bash overlap.sh TCONV SOURCE_DIR
set -u
tconv=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

# k3 s2 on 4x4: full buffer 9; output index o is reached by input i with o - 2i in {0, 1, 2}: even
# o inside get two inputs, odd o one, the ends one -> 1 1 2 1 2 1 2 1 1 per axis, the map their product.
"$tconv" overlap --input 4 -f 3 -s 2 --counts -o "$tmp/k3s2.png" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "overlap k3 s2: exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "overlap k3 s2: stderr: $(cat "$tmp/err")"
axis="1 1 2 1 2 1 2 1 1"
python3 - "$axis" >"$tmp/want" <<'EOF2'
import sys
a = [int(v) for v in sys.argv[1].split()]
print("4x4 -> 9x9 (HxW); out = (4 - 1) * 2 - 2 * 0 + 1 * (3 - 1) + 0 + 1 = 9")
print("rows: kernel 3 / stride 2 = 1.5: uneven; 1 to 2 input rows per output row away from the borders, 1 to 2 over all 9 rows")
print("columns: kernel 3 / stride 2 = 1.5: uneven; 1 to 2 input columns per output column away from the borders, 1 to 2 over all 9 columns")
print("map: 1 to 4 input pixels per output pixel (row count x column count)")
for r in a:
    print(" ".join(str(r * c) for c in a))
EOF2
echo "$tmp/k3s2.png: 9x9 grey, value = round(count * 255 / 4)" >>"$tmp/want"
diff "$tmp/want" "$tmp/out" >"$tmp/diff" || fail "overlap k3 s2 stdout differs: $(cat "$tmp/diff")"
grep -q "^2 2 4 2 4 2 4 2 2$" "$tmp/out" || fail "overlap k3 s2: no 1/2/4 row"
# The PNG: grey, count 1 -> round(255/4) = 64, 2 -> 128, 4 -> 255.
python3 - "$here" "$tmp/k3s2.png" "$axis" <<'EOF2' || fail "overlap k3 s2 PNG"
import sys
sys.path.insert(0, sys.argv[1])
from png_reader import read_png
h, w, c, rows = read_png(sys.argv[2])
a = [int(v) for v in sys.argv[3].split()]
grey = {1: 64, 2: 128, 4: 255}
assert (h, w, c) == (9, 9, 1), (h, w, c)
for y in range(9):
    for x in range(9):
        assert rows[y][x] == (grey[a[y] * a[x]],), f"pixel (y={y}, x={x}) is {rows[y][x]}, count {a[y] * a[x]}"
EOF2

# k4 s2 p1 on 4x4: every output index inside is reached by exactly two inputs, the ends by one.
"$tconv" overlap --input 4 -f 4 -s 2 -p 1 --counts >"$tmp/out" 2>"$tmp/err" || fail "overlap k4 s2: exit $?"
grep -qxF "rows: kernel 4 / stride 2 = 2: even; 2 to 2 input rows per output row away from the borders, 1 to 2 over all 8 rows" "$tmp/out" ||
    fail "overlap k4 s2 rows: $(cat "$tmp/out")"
[ "$(sed -n 5p "$tmp/out")" = "1 2 2 2 2 2 2 1" ] || fail "overlap k4 s2 first row: $(sed -n 5p "$tmp/out")"
[ "$(sed -n 6,11p "$tmp/out" | sort -u)" = "2 4 4 4 4 4 4 2" ] || fail "overlap k4 s2 inner rows: $(sed -n 6,11p "$tmp/out")"
# The article's stripes: k3 s4 leaves a gap: 0 to 1 away from the borders.
"$tconv" overlap -f 3 -s 4 --output-padding 1 >"$tmp/out" 2>&1 || fail "overlap k3 s4: exit $?"
grep -qxF "map: 0 to 1 input pixels per output pixel (row count x column count)" "$tmp/out" || fail "overlap k3 s4: $(cat "$tmp/out")"
# Dilation: k2 d2 s3 taps 0 and 2 leave phase 1 empty (uneven although 3 % 3 == 0); k3 d2 s3 taps
# 0, 2, 4 hit every phase once (even although 5 % 3 != 0).
"$tconv" overlap --input 6 -f 2 --dilation 2 -s 3 >"$tmp/out" 2>&1 || fail "overlap k2 d2 s3: exit $?"
grep -qF "rows: effective kernel 3 (dilation 2) / stride 3 = 1: uneven; 0 to 1 " "$tmp/out" || fail "overlap k2 d2 s3: $(cat "$tmp/out")"
"$tconv" overlap --input 6 -f 3 --dilation 2 -s 3 >"$tmp/out" 2>&1 || fail "overlap k3 d2 s3: exit $?"
grep -qF "rows: effective kernel 5 (dilation 2) / stride 3 = 1.66667: even; 1 to 1 " "$tmp/out" || fail "overlap k3 d2 s3: $(cat "$tmp/out")"
# Bad options: exit 2, one line; a map that cannot be written: exit 1.
"$tconv" overlap -s 0 >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ "$(cat "$tmp/err")" = "tconv: error: --stride: '0' must be >= 1" ] || fail "overlap -s 0: $(cat "$tmp/err")"
"$tconv" overlap -o "$tmp/missing/map.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $tmp/missing/map.png: " "$tmp/err" ||
    fail "overlap -o into a missing directory: $(cat "$tmp/err")"

# The main job's warning: once, after the run, only when every input succeeded; --quiet silences it.
art=$src/samples/article.png
warning="tconv: warning: uneven overlap (checkerboard artefacts): rows and columns: kernel 3 / stride 4 = 0.75, 0 to 1 input pixels per output pixel away from the borders"
"$tconv" "$art" -f 3 -s 4 --output-padding 1 -o "$tmp/s.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] || fail "k3 s4: exit $?"
[ "$(cat "$tmp/err")" = "$warning" ] || fail "k3 s4 warning: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" = 1 ] || fail "k3 s4 stdout: $(cat "$tmp/out")"
cp "$art" "$tmp/one.png" && cp "$art" "$tmp/two.png" && mkdir "$tmp/d"
"$tconv" "$tmp/one.png" "$tmp/two.png" -f 3 -s 4 -d "$tmp/d" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ "$(cat "$tmp/err")" = "$warning" ] || fail "batch of two: warning not exactly once: $(cat "$tmp/err")"
"$tconv" "$art" -f 3 -s 4 -o "$tmp/q.png" -q >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ] || fail "--quiet: stdout $(cat "$tmp/out"), stderr $(cat "$tmp/err")"
"$tconv" "$art" -f 4 -s 4 -o "$tmp/e.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ ! -s "$tmp/err" ] || fail "k4 s4 (even): stderr: $(cat "$tmp/err")"
"$tconv" "$art" -f 3 -s 2x4 -o "$tmp/r.png" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "tconv: warning: uneven overlap (checkerboard artefacts): rows: kernel 3 / stride 2 = 1.5, 1 to 2 input pixels per output pixel away from the borders; columns: kernel 3 / stride 4 = 0.75, 0 to 1 input pixels per output pixel away from the borders" ] ||
    fail "per-axis warning: $(cat "$tmp/err")"
# A failed run says exactly one thing, its error, even when another input of the batch succeeded.
"$tconv" "$tmp/missing.png" -f 3 -s 4 -o "$tmp/m.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $tmp/missing.png: " "$tmp/err" ||
    fail "failed run: stderr: $(cat "$tmp/err")"
"$tconv" "$tmp/one.png" "$tmp/missing.png" -f 3 -s 4 -d "$tmp/d" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $tmp/missing.png: " "$tmp/err" ||
    fail "partly failed batch: stderr: $(cat "$tmp/err")"

[ "$failures" = 0 ] || exit 1
echo "overlap: all checks passed"
