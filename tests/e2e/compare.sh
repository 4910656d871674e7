# `tconv compare`: every sheet's five panels against PyTorch's goldens and the phase-gain rule
# (check_compare.py, PIL), the human lines of the article's checkerboard case, and the usage errors
# (exit 2, nothing read or written) and failed inputs (exit 1, no sheet left behind).
# usage: bash compare.sh TCONV SOURCE_DIR
set -u
tconv=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

mkdir "$tmp/cases"
/usr/bin/python3 "$here/check_compare.py" "$tconv" "$src/tests/reference/goldens/resize_conv.txt" "$tmp/cases" ||
    fail "sheets against the goldens"

# The article's image, k3 s2: gains 4 2 / 2 1, so score 4; the resize-convolution's padding worked by
# hand: 8 upsampled rows, P = 9 - 8 + 2 = 3 -> 1 before, 2 after.
"$tconv" compare "$src/samples/article.png" -f 3 -s 2 -o "$tmp/sheet.png" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "compare k3 s2: exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "compare k3 s2: stderr: $(cat "$tmp/err")"
cat >"$tmp/want" <<EOF2
$tmp/sheet.png: 4x4 -> 9x9 (HxW); out = (4 - 1) * 2 - 2 * 0 + 1 * (3 - 1) + 0 + 1 = 9; sheet 360x1437
transposed convolution: checkerboard score (max/min phase gain) 4; mean gain 2.25
resize-convolution: nearest-neighbour upsampling by 2x2 to 8x8, zeros 1,2 rows and 1,2 columns before,after (negative: cropped), then the kernel / 9: checkerboard score 1 (even)
EOF2
diff "$tmp/want" "$tmp/out" >&2 || fail "compare k3 s2: stdout differs"
[ -s "$tmp/sheet.png" ] || fail "compare k3 s2: no sheet"

# A phase with no weight: k3 s4 (the article's stripes) has no score.
"$tconv" compare "$src/samples/article.png" -f 3 -s 4 --output-padding 1 -o "$tmp/stripes.png" --json >"$tmp/out" 2>"$tmp/err"
grep -q '"tconv_score":null,"resize_score":1,' "$tmp/out" || fail "compare k3 s4: $(cat "$tmp/out") $(cat "$tmp/err")"

# usage: name KIND EXPECTED_RC ERROR_SUBJECT ARGS...: exit status, one error line, no sheet left.
expect_error() {
    local name=$1 want_rc=$2 subject=$3
    shift 3
    rm -f "$tmp/bad.png"
    "$tconv" compare "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" = "$want_rc" ] || fail "$name: exit $rc, expected $want_rc"
    [ -s "$tmp/out" ] && fail "$name: stdout: $(cat "$tmp/out")"
    [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $subject: " "$tmp/err" || fail "$name: stderr: $(cat "$tmp/err")"
    [ -e "$tmp/bad.png" ] && fail "$name: left $tmp/bad.png"
    ls -a "$tmp" | grep -q tconv- && fail "$name: left a temp file"
}
expect_error "not a png name" 2 "-o" "$src/samples/article.png" -o "$tmp/bad.jpg"
expect_error "no -o" 2 "--output" "$src/samples/article.png"
expect_error "kernel summing to 0" 2 "--kernel" "$src/samples/article.png" -k "1,-1" -o "$tmp/bad.png"
expect_error "bad stride" 2 "--stride" "$src/samples/article.png" -s 0 -o "$tmp/bad.png"
expect_error "over --max-work" 1 "$src/samples/article.png" "$src/samples/article.png" -o "$tmp/bad.png" --max-work 100
expect_error "missing input" 1 "$tmp/none.png" "$tmp/none.png" -o "$tmp/bad.png"
expect_error "not an image" 1 "$src/tests/fixtures/text.png" "$src/tests/fixtures/text.png" -o "$tmp/bad.png"
# A missing directory is a usage error, found before the input is read (as the main job's).
expect_error "missing directory" 2 "--output $tmp/no/dir/bad.png" "$src/samples/article.png" -o "$tmp/no/dir/bad.png"

[ "$failures" = 0 ] || exit 1
echo "compare: all checks passed"
