# `tconv overlap` and the main job's phase-gain warnings: count maps against hand arithmetic
# (k3 s2: the 1/2/4 checkerboard; k4 s2: even inside), the grey PNG decoded and checked, gain tables
# summed by hand (--json too), and the warnings printed once, only after a run where every input
# succeeded, silenced by --quiet.
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
cat >>"$tmp/want" <<EOF2
$tmp/k3s2.png: 9x9 grey, value = round(count * 255 / 4)
phase gains (what a flat image is multiplied by, per stride phase; 2 rows of 2):
4 2
2 1
checkerboard score (max/min gain): 4; mean gain 2.25
EOF2
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
# Gains weigh the taps: bilinear k3 (.5 1 .5) at stride 2 has two taps on phase 0 and one on phase
# 1, uneven counts, but .5 + .5 = 1 on both: even gains.
"$tconv" overlap --input 4 -s 2 -f 3 -k bilinear >"$tmp/out" 2>&1 || fail "overlap bilinear k3 s2: exit $?"
[ "$(tail -n 4 "$tmp/out")" = "phase gains (what a flat image is multiplied by, per stride phase; 2 rows of 2):
1 1
1 1
checkerboard score (max/min gain): 1; mean gain 1" ] || fail "overlap bilinear k3 s2 gains: $(cat "$tmp/out")"
grep -qF "rows: kernel 3 / stride 2 = 1.5: uneven;" "$tmp/out" || fail "overlap bilinear k3 s2 counts: $(cat "$tmp/out")"
# An inline 2x3 kernel at stride 2x3: every tap on a phase of its own, the table is the kernel.
"$tconv" overlap -s 2x3 -k "1,2,3;4,5,6" >"$tmp/out" 2>&1 || fail "overlap 2x3 kernel: exit $?"
[ "$(tail -n 3 "$tmp/out")" = "1 2 3
4 5 6
checkerboard score (max/min gain): 6; mean gain 3.5" ] || fail "overlap 2x3 kernel gains: $(cat "$tmp/out")"
# --json: the article's stripes, phase 3 of each axis empty: score null; k2 d2 s3 puts taps at 0, 2.
"$tconv" overlap -f 3 -s 4 --output-padding 1 --json >"$tmp/out" 2>"$tmp/err" || fail "overlap --json: exit $?"
[ -s "$tmp/err" ] && fail "overlap --json: stderr: $(cat "$tmp/err")"
python3 - "$tmp/out" <<'EOF2' || fail "overlap --json k3 s4: $(cat "$tmp/out")"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
j = json.loads(lines[0])
assert j["gains"] == [[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 0], [0, 0, 0, 0]], j["gains"]
assert j["score"] is None and j["mean_gain"] == 0.5625, j
assert (j["in_height"], j["in_width"], j["out_height"], j["out_width"]) == (4, 4, 16, 16), j
assert j["rows"]["even"] is False and (j["rows"]["interior_min"], j["rows"]["interior_max"]) == (0, 1), j["rows"]
assert (j["map_min"], j["map_max"]) == (0, 1), j
EOF2
"$tconv" overlap --input 3 -f 2 --dilation 2 -s 3 -k "1,2;3,4" --counts --json >"$tmp/out" 2>&1 || fail "overlap d2 --json: exit $?"
python3 - "$tmp/out" <<'EOF2' || fail "overlap --json d2 s3: $(cat "$tmp/out")"
import json, sys
j = json.loads(open(sys.argv[1]).read())
assert j["gains"] == [[1, 0, 2], [0, 0, 0], [3, 0, 4]], j["gains"]
assert j["score"] is None, j
# 3 inputs, taps at 0 and 2, stride 3: full buffer 9, reached at 0 2 3 5 6 8.
axis = [1, 0, 1, 1, 0, 1, 1, 0, 1]
assert j["counts"] == [[r * c for c in axis] for r in axis], j["counts"]
EOF2

# Bad options: exit 2, one line (a map into a missing directory: below).
"$tconv" overlap -s 0 >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ "$(cat "$tmp/err")" = "tconv: error: --stride: '0' must be >= 1" ] || fail "overlap -s 0: $(cat "$tmp/err")"

# The main job's warnings: once, after the run, only when every input succeeded; --quiet silences
# them. The article's stripes: phase 3 of each axis gets no tap, 7 of the 16 phases.
art=$src/samples/article.png
warning="tconv: warning: checkerboard: phase gains 0 to 1: 7 of 16 stride phases get no weight, so a flat image comes out black there, in stripes or dots repeating every 4x4 pixels (HxW)"
"$tconv" "$art" -f 3 -s 4 --output-padding 1 -o "$tmp/s.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] || fail "k3 s4: exit $?"
[ "$(cat "$tmp/err")" = "$warning" ] || fail "k3 s4 warning: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" = 1 ] || fail "k3 s4 stdout: $(cat "$tmp/out")"
cp "$art" "$tmp/one.png" && cp "$art" "$tmp/two.png" && mkdir "$tmp/d"
"$tconv" "$tmp/one.png" "$tmp/two.png" -f 3 -s 4 -d "$tmp/d" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ "$(cat "$tmp/err")" = "$warning" ] || fail "batch of two: warning not exactly once: $(cat "$tmp/err")"
"$tconv" "$art" -f 3 -s 4 -o "$tmp/q.png" -q >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ] || fail "--quiet: stdout $(cat "$tmp/out"), stderr $(cat "$tmp/err")"
# Even gains, mean 1: no warning, whatever the tap counts (bilinear k3 s2 counts 2 and 1 taps).
for geometry in "-f 4 -s 4" "-s 2 -k bilinear" "-f 4 -s 2 -p 1 -k bilinear" "-f 3 -s 2 -k bilinear" "--scale 3"; do
    read -ra args <<<"$geometry"
    "$tconv" "$art" "${args[@]}" -o "$tmp/e.png" >"$tmp/out" 2>"$tmp/err"
    [ $? = 0 ] && [ ! -s "$tmp/err" ] || fail "$geometry (even): stderr: $(cat "$tmp/err")"
done
# ones 3x3 at stride 2: gains 4 2 / 2 1, mean 9/4.
"$tconv" "$art" -f 3 -s 2 -o "$tmp/c.png" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "tconv: warning: checkerboard: phase gains 1 to 4 (max/min 4): a flat image comes out in a pattern repeating every 2x2 pixels (HxW)
tconv: warning: brightness: the output is on average 2.25x as bright as the input (the kernel sums to 9 over a 2x2 stride)" ] ||
    fail "k3 s2 warnings: $(cat "$tmp/err")"
# The default, ones 3x3 at stride 1: one phase, gain 9: even, but nine times as bright.
"$tconv" "$art" -o "$tmp/b.png" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "tconv: warning: brightness: the output is on average 9x as bright as the input (the kernel sums to 9 over a 1x1 stride)" ] ||
    fail "default geometry warning: $(cat "$tmp/err")"
# Darker: bilinear k4 (sum 4) at stride 4 has mean 1/4; gains of both signs.
"$tconv" "$art" -f 4 -s 4 -k bilinear -o "$tmp/k.png" >"$tmp/out" 2>"$tmp/err"
grep -qxF "tconv: warning: brightness: the output is on average 0.25x as bright as the input (the kernel sums to 4 over a 4x4 stride)" "$tmp/err" ||
    fail "darker warning: $(cat "$tmp/err")"
"$tconv" "$art" -s 1x2 -k "1,-1" -o "$tmp/n.png" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "tconv: warning: checkerboard: phase gains -1 to 1, of both signs: a flat image comes out in a pattern repeating every 1x2 pixels (HxW)
tconv: warning: brightness: the output is on average 0x as bright as the input (the kernel sums to 0 over a 1x2 stride)" ] ||
    fail "mixed signs warning: $(cat "$tmp/err")"
# A failed run says exactly one thing, its error, even when another input of the batch succeeded.
"$tconv" "$tmp/missing.png" -f 3 -s 4 -o "$tmp/m.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $tmp/missing.png: " "$tmp/err" ||
    fail "failed run: stderr: $(cat "$tmp/err")"
"$tconv" "$tmp/one.png" "$tmp/missing.png" -f 3 -s 4 -d "$tmp/d" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $tmp/missing.png: " "$tmp/err" ||
    fail "partly failed batch: stderr: $(cat "$tmp/err")"

# -o into a missing directory: refused before anything is read or printed, as the main job refuses it
# (exit 2, the main job's one line); compare and animate are not asked to read their missing input.
want="tconv: error: --output $tmp/missing/m.png: directory '$tmp/missing' does not exist"
"$tconv" "$art" -o "$tmp/missing/m.png" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ "$(cat "$tmp/err")" = "$want" ] || fail "main job, missing directory: stderr: $(cat "$tmp/err")"
for command in "overlap" "compare $tmp/missing.png" "animate $tmp/missing.png" "fit $tmp/missing.png $tmp/missing.png"; do
    # shellcheck disable=SC2086 # the command and its input are words
    "$tconv" $command -o "$tmp/missing/m.png" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$want" ] ||
        fail "$command, missing directory: exit $rc, stdout: $(head -c 200 "$tmp/out"), stderr: $(cat "$tmp/err")"
done

[ "$failures" = 0 ] || exit 1
echo "overlap: all checks passed"
