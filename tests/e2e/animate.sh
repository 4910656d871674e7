# `tconv animate`: every frame decoded with PIL against the partial scatter computed by hand
# (check_animate.py), the printed line, and the usage errors (exit 2, nothing read or written) and
# failed inputs (exit 1, no file left behind).
# usage: bash animate.sh TCONV SOURCE_DIR
set -u
tconv=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

mkdir "$tmp/cases"
/usr/bin/python3 "$here/check_animate.py" "$tconv" "$src/samples/article.png" "$tmp/cases" || fail "frames against the partial scatter"

"$tconv" animate "$src/samples/article.png" -f 3 -s 4 --output-padding 1 -o "$tmp/stripes.png" --zoom 16 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "animate stripes: exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "animate stripes: stderr: $(cat "$tmp/err")"
want="$tmp/stripes.png: 4x4 -> 16x16 (HxW); out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16; 17 frames of 273x273, 100 ms each, 1 to 1 input pixels added per frame"
[ "$(cat "$tmp/out")" = "$want" ] || fail "animate stripes: stdout: $(cat "$tmp/out")"

# usage: expect_error NAME EXPECTED_RC ERROR_SUBJECT ARGS...: exit status, one error line, nothing left.
expect_error() {
    local name=$1 want_rc=$2 subject=$3
    shift 3
    rm -f "$tmp/bad.png"
    "$tconv" animate "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" = "$want_rc" ] || fail "$name: exit $rc, expected $want_rc"
    [ -s "$tmp/out" ] && fail "$name: stdout: $(cat "$tmp/out")"
    [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q -- "^tconv: error: $subject: " "$tmp/err" || fail "$name: stderr: $(cat "$tmp/err")"
    [ -e "$tmp/bad.png" ] && fail "$name: left $tmp/bad.png"
    ls -a "$tmp" | grep -q tconv- && fail "$name: left a temp file"
}
a=$src/samples/article.png
expect_error "not a png name" 2 "-o" "$a" -o "$tmp/bad.gif"
expect_error "no -o" 2 "--output" "$a"
expect_error "no input" 2 "INPUT" -o "$tmp/bad.png"
expect_error "--max-frames 0" 2 "--max-frames 0" "$a" -o "$tmp/bad.png" --max-frames 0
expect_error "--zoom 0" 2 "--zoom 0" "$a" -o "$tmp/bad.png" --zoom 0
expect_error "--delay -1" 2 "--delay -1" "$a" -o "$tmp/bad.png" --delay -1
expect_error "--crop of two numbers" 2 "--crop" "$a" -o "$tmp/bad.png" --crop 1,2
expect_error "--crop of height 0" 2 "--crop" "$a" -o "$tmp/bad.png" --crop 0,0,0,2
expect_error "bad kernel" 2 "--kernel" "$a" -o "$tmp/bad.png" -k "1,2;3"
# A usage error reads nothing: a missing input is not even looked at.
expect_error "usage error before reading" 2 "--stride" "$tmp/none.png" -o "$tmp/bad.png" -s 0
expect_error "--max-frames in hex" 2 "--max-frames 0x10" "$a" -o "$tmp/bad.png" --max-frames 0x10
expect_error "over --max-work" 1 "$a" "$a" -o "$tmp/bad.png" --max-work 100
expect_error "missing input" 1 "$tmp/none.png" "$tmp/none.png" -o "$tmp/bad.png"
expect_error "crop outside the image" 1 "$a" "$a" -o "$tmp/bad.png" --crop 2,2,3,1
# A missing directory is a usage error, found before the input is read (as the main job's).
expect_error "missing directory" 2 "--output $tmp/no/bad.png" "$a" -o "$tmp/no/bad.png"
expect_error "output over the input" 2 "$tmp/stripes.png" "$tmp/stripes.png" -o "$tmp/stripes.png"

[ "$failures" = 0 ] || exit 1
echo "animate: all checks passed"
